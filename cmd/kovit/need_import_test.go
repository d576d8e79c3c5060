package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/tabular"
)

// The survey import of an XLSX file end to end over HTTP, on both engines: the page's
// three steps (upload, mapping with a preview, apply) as a browser submits them, the
// API's preview and apply, and needs exported to XLSX read back through the import.
func TestNeedImportXLSX(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			editor := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
			round, err := a.store.CreateRound(context.Background(), need.Round{Title: "IKT 2027", Deadline: "2030-12-31", Open: true})
			if err != nil {
				t.Fatal(err)
			}
			t.Run("page", func(t *testing.T) { testNeedImportPage(t, a, editor, round.ID) })
			t.Run("api", func(t *testing.T) { testNeedImportAPI(t, a, editor) })
			t.Run("round trip", func(t *testing.T) { testNeedExportImport(t, a, editor) })
		})
	}
}

// surveyXLSX is a survey as municipalities fill it in, with its own headers and a cost
// typed as a number.
func surveyXLSX(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	err := tabular.WriteXLSX(&b, tabular.Table{Sheet: "Vastused", Header: []string{"KOV", "Vajaduse nimetus", "Liik", "Hinnanguline maksumus", "Kiireloomulisus", "Märkused"},
		Rows: [][]any{{"Tartu linn", "Lasteaia järjekorra e-teenus", "e-teenus", 12000.5, "kõrge", "ei loe"},
			{"0793", "Infoturbe koolitus ametnikele", "Koolitus", 3000, 2, ""}}})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	tableField    = regexp.MustCompile(`<input type="hidden" name="table" value="([^"]*)">`)
	mappingSelect = regexp.MustCompile(`(?s)<select id="m-\d+" name="(map_\d+)">(.*?)</select>`)
	chosenOption  = regexp.MustCompile(`<option value="([^"]*)"[^>]* selected>`)
)

// mappingForm is what the mapping step's form submits as it stands: the carried table,
// each column's chosen field, and the round.
func mappingForm(t *testing.T, page string) url.Values {
	t.Helper()
	m := tableField.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no table carried on the mapping step:\n%.3000s", page)
	}
	v := url.Values{"table": {html.UnescapeString(m[1])}}
	for _, sel := range mappingSelect.FindAllStringSubmatch(page, -1) {
		chosen := ""
		if o := chosenOption.FindStringSubmatch(sel[2]); o != nil {
			chosen = o[1]
		}
		v.Set(sel[1], chosen)
	}
	if o := regexp.MustCompile(`(?s)name="round_id">.*?</select>`).FindString(page); o != "" {
		if c := chosenOption.FindStringSubmatch(o); c != nil {
			v.Set("round_id", c[1])
		}
	}
	return v
}

func countNeeds(t *testing.T, a *testApp) int {
	t.Helper()
	_, n, err := a.store.ListNeeds(context.Background(), need.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func testNeedImportPage(t *testing.T, a *testApp, editor *http.Client, round int64) {
	before := countNeeds(t, a)
	// Upload: the table is read and the mapping guessed from the headers; the round
	// chosen with the file stays chosen.
	ctype, body := uploadForm(t, "vastused.xlsx", surveyXLSX(t), map[string]string{"round_id": itoa(round)})
	status, page := send(t, editor, "POST", a.URL+"/needs/import", ctype, body)
	if status != http.StatusOK {
		t.Fatalf("upload: %d\n%.3000s", status, page)
	}
	form := mappingForm(t, page)
	want := url.Values{"map_0": {"municipality_ehak"}, "map_1": {"title"}, "map_2": {"category"}, "map_3": {"cost"}, "map_4": {"urgency"}, "map_5": {""}, "round_id": {itoa(round)}}
	for k, v := range want {
		if form.Get(k) != v[0] {
			t.Errorf("mapping step: %s = %q, want %q", k, form.Get(k), v[0])
		}
	}
	if !strings.Contains(page, "Lasteaia järjekorra e-teenus") || strings.Contains(page, `value="apply"`) {
		t.Error("the mapping step shows no sample, or offers to apply before a preview")
	}
	// Preview: every row as it would be stored, and nothing stored yet.
	form.Set("step", "preview")
	status, page = postForm(t, editor, a.URL+"/needs/import", form)
	if status != http.StatusOK || !strings.Contains(page, `name="step" value="apply"`) {
		t.Fatalf("preview: %d\n%.3000s", status, page)
	}
	for _, s := range []string{"<th scope=\"row\">Lasteaia järjekorra e-teenus</th><td>Tartu linn</td>", "12\u00a0000,50 €", "Infoturbe koolitus ametnikele", "3\u00a0000 €"} {
		if !strings.Contains(page, s) {
			t.Errorf("preview lacks %q", s)
		}
	}
	if countNeeds(t, a) != before {
		t.Fatal("the preview stored needs")
	}
	// A mapping without the title is named on the field, still storing nothing.
	bad := mappingForm(t, page)
	bad.Set("map_1", "")
	bad.Set("step", "apply")
	if status, page := postForm(t, editor, a.URL+"/needs/import", bad); status != http.StatusUnprocessableEntity || !strings.Contains(page, "<code>title</code>") {
		t.Errorf("mapping without a title: %d", status)
	}
	// Apply from the preview page's form: every row is stored as a draft in the round.
	form = mappingForm(t, page)
	form.Set("step", "apply")
	if status, loc := postTo(t, editor, a.URL+"/needs/import", form); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/needs") {
		t.Fatalf("apply: %d %s", status, loc)
	}
	got, _, err := a.store.ListNeeds(context.Background(), need.Filter{RoundID: round, Sort: need.SortTitle})
	if err != nil || len(got) != 2 {
		t.Fatalf("imported %d needs, want 2: %v", len(got), err)
	}
	if n := got[1]; n.Title != "Lasteaia järjekorra e-teenus" || n.MunicipalityEHAK != "0793" || n.Category != need.CatEService ||
		n.Cost == nil || *n.Cost != 1200050 || n.Urgency != need.UrgencyHigh || n.State != need.Draft {
		t.Errorf("imported %+v", n)
	}
	if n := got[0]; n.Category != need.CatTraining || n.Urgency != need.UrgencyMedium || *n.Cost != 300000 {
		t.Errorf("imported %+v", n)
	}
}

func testNeedImportAPI(t *testing.T, a *testApp, editor *http.Client) {
	before := countNeeds(t, a)
	post := func(fields map[string]string) (int, api.SurveyPreview) {
		t.Helper()
		ctype, body := uploadForm(t, "vastused.xlsx", surveyXLSX(t), fields)
		status, resp := send(t, editor, "POST", a.URL+"/api/v1/needs/import", ctype, body)
		var p api.SurveyPreview
		if status < 300 {
			if err := json.Unmarshal([]byte(resp), &p); err != nil {
				t.Fatalf("%d %s: %v", status, resp, err)
			}
		}
		return status, p
	}
	status, pre := post(nil)
	if status != http.StatusOK || pre.Applied || len(pre.Needs) != 2 || len(pre.Errors) != 0 || pre.Mapping["Liik"] != need.FieldCategory ||
		!slices.Equal(pre.Columns, []string{"KOV", "Vajaduse nimetus", "Liik", "Hinnanguline maksumus", "Kiireloomulisus", "Märkused"}) {
		t.Fatalf("preview: %d %+v", status, pre)
	}
	// A mapping of one's own: the remarks become the description.
	mapping := `{"KOV":"municipality_ehak","Vajaduse nimetus":"title","Liik":"category","Märkused":"description"}`
	if status, pre = post(map[string]string{"mapping": mapping}); status != http.StatusOK || pre.Needs[0].Description != "ei loe" || pre.Needs[0].Cost != nil {
		t.Errorf("preview with a mapping: %d %+v", status, pre.Needs)
	}
	if countNeeds(t, a) != before {
		t.Fatal("a preview stored needs")
	}
	status, pre = post(map[string]string{"mapping": mapping, "apply": "true"})
	if status != http.StatusCreated || !pre.Applied || len(pre.Needs) != 2 || pre.Needs[0].ID == 0 || countNeeds(t, a) != before+2 {
		t.Fatalf("apply: %d %+v", status, pre)
	}
	if n, err := a.store.Need(context.Background(), pre.Needs[0].ID); err != nil || n.Description != "ei loe" || n.Title != "Lasteaia järjekorra e-teenus" {
		t.Errorf("stored %+v %v", n, err)
	}
}

// testNeedExportImport exports needs with every survey field filled to XLSX, from the
// page and the API, and imports each file through the page: the new drafts equal the
// originals in every field the survey carries.
func testNeedExportImport(t *testing.T, a *testApp, editor *http.Client) {
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	cost := kovit.Money(4567890)
	originals := map[string]need.Need{}
	for i, title := range []string{"Õigusaktide ülevaade ühes vaates", "Välisvõrgu ühendus koolides"} {
		n, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0793", Title: title, Description: "Kirjeldus õ, ä; ö \"ü\"\nteine rida",
			Category: need.Categories[i+1], ServiceCodes: []string{"SOC-001", "SOC-002"}, Systems: "Amphora; WebDesktop", Cost: &cost,
			Urgency: need.UrgencyCritical, Timeframe: "2027 II pa", ContactName: "Mari Maasikas", ContactEmail: "mari@tartu.ee"})
		if err != nil {
			t.Fatal(err)
		}
		originals[title] = n
	}
	if _, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0793", Title: "Ilma maksumuseta", Category: need.CatOther}); err != nil {
		t.Fatal(err)
	}
	survey := cmpopts.IgnoreFields(need.Need{}, "ID", "RoundID", "State", "StateReason", "DuplicateOf", "ConsolidatedID", "Version", "CreatedAt", "UpdatedAt")
	// The API's file has both; the page's, filtered, the one that matches and its copy
	// the API's file just added.
	wants := map[string]int{"/api/v1/needs.xlsx": 2, "/needs.xlsx?q=ühendus": 2}
	for _, path := range []string{"/api/v1/needs.xlsx", "/needs.xlsx?q=ühendus"} {
		_, file := get(t, editor, a.URL+path)
		if !strings.HasPrefix(file, "PK") {
			t.Fatalf("%s is no XLSX: %.200s", path, file)
		}
		before := countNeeds(t, a)
		ctype, body := uploadForm(t, "vajadused.xlsx", []byte(file), nil)
		status, page := send(t, editor, "POST", a.URL+"/needs/import", ctype, body)
		if status != http.StatusOK {
			t.Fatalf("%s upload: %d", path, status)
		}
		form := mappingForm(t, page)
		// Every survey column maps back to its field; the id, state and round are skipped.
		for i, f := range need.Fields {
			if got := form.Get(fmt.Sprint("map_", i)); got != string(f) {
				t.Errorf("%s: column %d maps to %q, want %q", path, i, got, f)
			}
		}
		for i := len(need.Fields); i < len(need.Fields)+2; i++ {
			if got := form.Get(fmt.Sprint("map_", i)); got != "" {
				t.Errorf("%s: export-only column %d maps to %q", path, i, got)
			}
		}
		form.Set("step", "apply")
		if status, _ := postTo(t, editor, a.URL+"/needs/import", form); status != http.StatusSeeOther {
			t.Fatalf("%s apply: %d", path, status)
		}
		after, _, err := a.store.ListNeeds(context.Background(), need.Filter{Sort: need.SortCreated, Desc: true, Limit: countNeeds(t, a) - before})
		if err != nil {
			t.Fatal(err)
		}
		seen := 0
		for _, n := range after {
			if orig, ok := originals[n.Title]; ok {
				seen++
				if diff := cmp.Diff(orig, n, survey); diff != "" {
					t.Errorf("%s: %q read back differently (-exported +imported):\n%s", path, n.Title, diff)
				}
			}
		}
		if want := wants[path]; seen != want {
			t.Errorf("%s: %d needs read back, want %d (of %d imported)", path, seen, want, len(after))
		}
	}
}
