package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kovit/internal/auth"
	"kovit/internal/jobs"
	"kovit/internal/mail/mailtest"
	"kovit/internal/need"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The needs pages over HTTP, on both engines: a round, three municipalities' similar
// needs, bad and stale input, suggestions, consolidation, a measure with its budget view
// and proposal, what each role sees, reminders by e-mail and the survey import.

// postTo posts a form and returns the status and where a redirect points.
func postTo(t *testing.T, c *http.Client, u string, v url.Values) (int, string) {
	t.Helper()
	res, err := c.PostForm(u, v)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode, res.Header.Get("Location")
}

// idIn is the number at the end of a redirect's path.
func idIn(t *testing.T, loc string) int64 {
	t.Helper()
	path, _, _ := strings.Cut(loc, "?")
	id, err := strconv.ParseInt(path[strings.LastIndex(path, "/")+1:], 10, 64)
	if err != nil {
		t.Fatalf("no id in redirect %q", loc)
	}
	return id
}

func TestNeedPages(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { testNeedPages(t, engine) })
	}
}

func testNeedPages(t *testing.T, engine string) {
	smtp := mailtest.Start(t)
	a := startAppWith(t, engine, func(c *config) {
		c.SMTPURL, c.MailFrom, c.BaseURL = smtp.URL, "kovit@kovit.test", "https://kovit.example"
	})
	ctx := context.Background()
	coord := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
	editors := map[string]*http.Client{}
	for _, ehak := range []string{"0793", "0171", "0899"} {
		editors[ehak] = a.as(t, a.user(t, "toimetaja-"+ehak+"@kov.test", auth.RoleEditor, ehak))
	}
	tallinn := a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")
	today := time.Now().In(time.UTC)
	deadline := today.AddDate(0, 0, 10).Format(time.DateOnly)

	// A coordinator opens a round.
	status, loc := postTo(t, coord, a.URL+"/rounds", url.Values{"title": {"IT vajadused 2027"}, "deadline": {deadline}})
	if status != http.StatusSeeOther {
		t.Fatalf("open round: %d", status)
	}
	round := strconv.FormatInt(idIn(t, loc), 10)

	// Bad input comes back naming the fields, and nothing is saved.
	if status, body := postForm(t, editors["0793"], a.URL+"/needs/new", url.Values{"title": {""}, "category": {"records"}, "cost": {"palju"}}); status != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="e-title"`) || !strings.Contains(body, `id="e-cost"`) || !strings.Contains(body, `value="palju"`) {
		t.Fatalf("bad need: %d\n%.2000s", status, body)
	}

	// Three municipalities submit similar needs.
	titles := map[string]string{"0793": "Dokumendihaldussüsteemi uuendamine", "0171": "Dokumendihaldussüsteemide uuendus", "0899": "Dokumendihaldussüsteemi uuendamine ja arhiiv"}
	costs := map[string]string{"0793": "120000", "0171": "80000", "0899": "50000"}
	ids := map[string]int64{}
	for ehak, c := range editors {
		status, loc := postTo(t, c, a.URL+"/needs/new", url.Values{"title": {titles[ehak]}, "category": {"records"}, "cost": {costs[ehak]},
			"description": {"Vana dokumendihaldussüsteem vajab uuendamist"}, "urgency": {"high"}, "round_id": {round}})
		if status != http.StatusSeeOther {
			t.Fatalf("%s: new need: %d", ehak, status)
		}
		ids[ehak] = idIn(t, loc)
		if status, _ := postTo(t, c, a.URL+"/needs/"+itoa(ids[ehak])+"/transitions", url.Values{"to": {"submitted"}, "version": {"1"}}); status != http.StatusSeeOther {
			t.Fatalf("%s: submit: %d", ehak, status)
		}
	}
	tartu := "/needs/" + itoa(ids["0793"])

	// A stale save is refused and keeps what was typed; a submitted need is no longer
	// the editor's to change.
	if status, body := postForm(t, coord, a.URL+tartu+"/edit", url.Values{"title": {"Uus pealkiri"}, "category": {"records"}, "version": {"1"}}); status != http.StatusConflict || !strings.Contains(body, "Uus pealkiri") {
		t.Errorf("stale edit: %d", status)
	}
	if status, _ := postForm(t, editors["0793"], a.URL+tartu+"/edit", url.Values{"title": {"X"}, "category": {"records"}, "version": {"2"}}); status != http.StatusForbidden {
		t.Errorf("editor edits a submitted need: %d, want 403", status)
	}
	// A return needs a reason, named on its field.
	if status, body := postForm(t, coord, a.URL+tartu+"/transitions", url.Values{"to": {"returned"}, "version": {"2"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-reason"`) {
		t.Errorf("return without reason: %d", status)
	}
	// Editors see only their own municipality's needs.
	if status, _ := get(t, editors["0793"], a.URL+"/needs/"+itoa(ids["0171"])); status != http.StatusForbidden {
		t.Errorf("Tartu's editor reads Elva's need: %d, want 403", status)
	}
	if _, body := get(t, editors["0793"], a.URL+"/needs"); strings.Contains(body, titles["0171"]) || !strings.Contains(body, titles["0793"]) {
		t.Error("Tartu's editor's list shows another municipality's need, or not its own")
	}

	// The coordinator sees the others as suggestions with a score.
	_, body := get(t, coord, a.URL+tartu)
	if !strings.Contains(body, titles["0171"]) || !strings.Contains(body, `class="num score"`) || !strings.Contains(body, "/suggestions/"+itoa(ids["0171"])+"/accept") {
		t.Fatalf("no scored suggestion on Tartu's need:\n%.3000s", body)
	}

	// Consolidation, a measure, the mapping.
	status, loc = postTo(t, coord, a.URL+"/consolidated", url.Values{"title": {"Ühine dokumendihaldus"}, "category": {"records"}, "build_once": {"on"},
		"strategy_fit": {"4"}, "need_id": {itoa(ids["0793"]), itoa(ids["0171"]), itoa(ids["0899"])}})
	if status != http.StatusSeeOther {
		t.Fatalf("consolidate: %d", status)
	}
	cid := idIn(t, loc)
	status, loc = postTo(t, coord, a.URL+"/measures", url.Values{"name": {"KOV digipööre"}, "funder": {"EL"}, "start_year": {"2026"}, "end_year": {"2029"},
		"budget": {"1000000"}, "co_financing": {"15"}, "categories": {"records"}, "status": {"open"}})
	if status != http.StatusSeeOther {
		t.Fatalf("measure: %d", status)
	}
	mid := itoa(idIn(t, loc))
	c, err := a.store.Consolidated(ctx, cid)
	if err != nil {
		t.Fatal(err)
	}
	if status, _ := postTo(t, coord, a.URL+"/consolidated/"+itoa(cid)+"/measure", url.Values{"measure_id": {mid}, "version": {strconv.Itoa(c.Version)}}); status != http.StatusSeeOther {
		t.Fatalf("map: %d", status)
	}

	// The budget view and the proposal show each municipality's co-financing (15%).
	for _, path := range []string{"/measures/" + mid, "/measures/" + mid + "/proposal"} {
		_, body := get(t, coord, a.URL+path)
		for _, want := range []string{"Tartu linn", "Elva vald", "Viljandi vald", "18\u00a0000 €", "12\u00a0000 €", "7\u00a0500 €", "250\u00a0000 €"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %q", path, want)
			}
		}
	}
	for _, path := range []string{"/measures/" + mid + "/proposal.xlsx", "/api/v1/measures/" + mid + "/proposal.xlsx"} {
		_, body := get(t, coord, a.URL+path)
		checkProposalWorkbook(t, path, body)
	}

	// Tartu's editor sees where its need went.
	if _, body := get(t, editors["0793"], a.URL+tartu); !strings.Contains(body, "KOV digipööre") || !strings.Contains(body, "Ühine dokumendihaldus") {
		t.Errorf("Tartu's need page does not trace it to the measure:\n%.3000s", body)
	}
	// The public sees neither the unpublished consolidated need nor the needs.
	anon := a.client(t)
	if status, _ := get(t, anon, a.URL+"/consolidated/"+itoa(cid)); status != http.StatusNotFound {
		t.Errorf("public reads an unpublished consolidated need: %d", status)
	}
	if _, body := get(t, anon, a.URL+"/consolidated"); strings.Contains(body, "Ühine dokumendihaldus") {
		t.Error("public list shows an unpublished consolidated need")
	}
	if status, _ := get(t, anon, a.URL+"/needs"); status != http.StatusSeeOther {
		t.Errorf("public needs list: %d, want a redirect to sign in", status)
	}
	if _, body := get(t, coord, a.URL+"/needs.csv"); !strings.HasPrefix(body, "\ufeffEHAK") && !strings.Contains(body, "Pealkiri") || !strings.Contains(body, titles["0171"]) {
		t.Errorf("needs.csv:\n%.500s", body)
	}

	testNeedReminders(t, a, smtp, coord, round, deadline, tallinn.Email)
	testNeedImport(t, a, editors["0793"])
}

func testNeedReminders(t *testing.T, a *testApp, smtp *mailtest.Server, coord *http.Client, round, deadline, tallinn string) {
	ctx := context.Background()
	// The button reminds the one editor whose municipality has submitted nothing.
	status, loc := postTo(t, coord, a.URL+"/rounds/"+round+"/remind", nil)
	if status != http.StatusSeeOther || !strings.HasSuffix(loc, "sent=1") {
		t.Fatalf("remind: %d %s", status, loc)
	}
	m := smtp.Wait(t, 1)[0]
	d, _ := time.Parse(time.DateOnly, deadline)
	for _, want := range []string{"IT vajadused 2027", d.Format("02.01.2006"), d.Format("2 January 2006"), "https://kovit.example/needs/new?round=" + round} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("reminder lacks %q:\n%s", want, m.Text)
		}
	}
	if len(m.To) != 1 || m.To[0] != tallinn || !strings.Contains(m.Subject, "IT vajadused 2027") || strings.Index(m.Text, "Tere") > strings.Index(m.Text, "Hello") {
		t.Errorf("reminder to %v, subject %q, not Estonian first", m.To, m.Subject)
	}

	// Automatic reminders: seven days before, once, even across a restart; then one day before.
	r := a.app.remind
	r.Now = func() time.Time { return d.AddDate(0, 0, -8).Add(10 * time.Hour) }
	if err := r.SendDue(ctx); err != nil {
		t.Fatal(err)
	}
	r.Now = func() time.Time { return d.AddDate(0, 0, -7).Add(10 * time.Hour) }
	for range 2 {
		if err := r.SendDue(ctx); err != nil {
			t.Fatal(err)
		}
	}
	restarted := jobs.Reminders(a.app.store, a.app.mail, "https://kovit.example")
	restarted.Now = r.Now
	if err := restarted.SendDue(ctx); err != nil {
		t.Fatal(err)
	}
	r.Now = func() time.Time { return d.AddDate(0, 0, -1).Add(10 * time.Hour) }
	if err := r.SendDue(ctx); err != nil {
		t.Fatal(err)
	}
	smtp.Wait(t, 3)
	time.Sleep(200 * time.Millisecond) // a resent reminder would arrive by now
	if n := len(smtp.Messages()); n != 3 {
		t.Errorf("%d messages after the button and the 7- and 1-day marks, want 3", n)
	}
}

func testNeedImport(t *testing.T, a *testApp, editor *http.Client) {
	ctx := context.Background()
	count := func() int {
		_, n, err := a.store.ListNeeds(ctx, need.Filter{MunicipalityEHAK: "0793"})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	csv := "\ufeffOmavalitsus;Pealkiri;Kategooria;Hinnanguline maksumus (EUR);Kiireloomulisus\r\nTartu linn;Veebilehe uuendus;E-teenus;5000;Kõrge\r\n"
	body := "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"kysitlus.csv\"\r\nContent-Type: text/csv\r\n\r\n" + csv + "\r\n--b--\r\n"
	status, page := send(t, editor, "POST", a.URL+"/needs/import", "multipart/form-data; boundary=b", body)
	if status != http.StatusOK || !strings.Contains(page, `value="title" selected`) || !strings.Contains(page, `value="cost" selected`) {
		t.Fatalf("mapping step: %d\n%.3000s", status, page)
	}
	table := func(rows ...[]string) string {
		b, _ := json.Marshal(map[string]any{"header": []string{"Omavalitsus", "Pealkiri", "Kategooria", "Hinnanguline maksumus (EUR)", "Kiireloomulisus"}, "rows": rows})
		return string(b)
	}
	mapping := url.Values{"map_0": {"municipality_ehak"}, "map_1": {"title"}, "map_2": {"category"}, "map_3": {"cost"}, "map_4": {"urgency"}, "step": {"apply"}}
	mapping.Set("table", table([]string{"Tartu", "Veebilehe uuendus", "E-teenus", "5000", "Kõrge"}, []string{"0793", "Taristu", "toit", "palju", ""},
		[]string{"Tallinn", "Veeb", "muu", "", ""}))
	status, page = postForm(t, editor, a.URL+"/needs/import", mapping)
	// Bad cells are listed by row and column; a row of another municipality is refused.
	if status != http.StatusForbidden || !strings.Contains(page, "<td>3</td><td><code>Kategooria</code>") ||
		!strings.Contains(page, "<td>3</td><td><code>Hinnanguline maksumus (EUR)</code>") || !strings.Contains(page, "<td>4</td><td><code>Omavalitsus</code>") {
		t.Errorf("bad rows: %d\n%.3000s", status, page)
	}
	if count() != before {
		t.Fatal("a failed import saved needs")
	}
	mapping.Set("table", table([]string{"Tartu linn", "Veebilehe uuendus", "E-teenus", "5000", "Kõrge"}, []string{"0793", "Taristu", "Taristu", "1 200,50", ""}))
	if status, _ := postTo(t, editor, a.URL+"/needs/import", mapping); status != http.StatusSeeOther || count() != before+2 {
		t.Errorf("import: %d, %d needs, want %d", status, count(), before+2)
	}
}

// checkProposalWorkbook reads the measure proposal of testNeedPages: its summary, the
// ranked consolidated need and the three municipalities' parts, money as numbers.
func checkProposalWorkbook(t *testing.T, path, body string) {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Kokkuvõte", "Prioriteedid", "Omavalitsused"}) {
		t.Fatalf("%s: sheets %q", path, got)
	}
	// cells finds the row whose column A or B is key and returns its cells.
	cells := func(sheet, key string) (int, []string) {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			if len(row) > 1 && (row[0] == key || row[1] == key) {
				return i + 1, row
			}
		}
		t.Errorf("%s: %s has no row %q", path, sheet, key)
		return 0, nil
	}
	// number checks that a cell is a number with the value want.
	number := func(sheet string, col, row int, want float64) {
		t.Helper()
		ref, _ := excelize.CoordinatesToCellName(col, row)
		if typ, _ := f.GetCellType(sheet, ref); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s: %s!%s is not a number (%v)", path, sheet, ref, typ)
		}
		v, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		if got, err := strconv.ParseFloat(v, 64); err != nil || got != want {
			t.Errorf("%s: %s!%s = %q, want %v", path, sheet, ref, v, want)
		}
	}
	for key, want := range map[string]string{"Meede": "KOV digipööre", "Rahastaja": "EL", "Periood": "2026–2029", "Olek": "Avatud"} {
		if _, row := cells("Kokkuvõte", key); len(row) < 2 || row[1] != want {
			t.Errorf("%s: summary %s = %q, want %q", path, key, row, want)
		}
	}
	for key, want := range map[string]float64{"Eelarve (EUR)": 1_000_000, "Omafinantseeringu määr (%)": 15, "Omavalitsusi": 3,
		"Vajaduste maksumus kokku (EUR)": 250_000, "Toetused kokku (EUR)": 212_500, "Omafinantseering kokku (EUR)": 37_500,
		"Eelarve jääk (EUR)": 787_500} {
		if r, _ := cells("Kokkuvõte", key); r > 0 {
			number("Kokkuvõte", 2, r, want)
		}
	}
	if r, row := cells("Prioriteedid", "1"); r > 0 && (row[3] != "Ühine dokumendihaldus" || row[5] != "3") {
		t.Errorf("%s: ranked %q", path, row)
	}
	// Cost, grant and co-financing (15 %), as on the budget view.
	for name, want := range map[string][3]float64{"Tartu linn": {120_000, 102_000, 18_000}, "Elva vald": {80_000, 68_000, 12_000},
		"Viljandi vald": {50_000, 42_500, 7_500}, "Kokku": {250_000, 212_500, 37_500}} {
		if r, _ := cells("Omavalitsused", name); r > 0 {
			for i, v := range want {
				number("Omavalitsused", 5+i, r, v)
			}
		}
	}
}
