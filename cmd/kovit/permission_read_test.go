package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/municipality"
	"kovit/internal/plan"
	"kovit/internal/sqlstore/sqlstoretest"
)

// Who may read what of the action plan, over HTTP for every GET route of its pages and
// API: the public reads adopted and archived strategies only; signed-in users read drafts
// too, except that a municipality's draft plan is not for other municipalities' editors.
// No route shows an internal note to the public. A plan GET route without a case here
// fails the test, as a state-changing route without one fails the permission matrix.

type planReadKind int

const (
	readStrategy planReadKind = iota // one strategy's page or record: not found to who may not read it
	readList                         // a list across strategies: their items only to who may read them
	readInternal                     // a list for signed-in users only
	readEdit                         // a form for who may edit the strategy
	readOther                        // not of one strategy: fetched for the internal notes only
)

type planReadCase struct {
	kind planReadKind
	path string // {s} the strategy, {a} its activity, {i} its indicator, {r} and {r2} its reports
}

func planReadCases() map[string]planReadCase {
	return map[string]planReadCase{
		"GET /plan":                              {readList, "/plan"},
		"GET /plan/{id}":                         {readStrategy, "/plan/{s}"},
		"GET /plan/strategies/{id}/edit":         {readEdit, "/plan/strategies/{s}/edit"},
		"GET /plan/activities/{id}":              {readStrategy, "/plan/activities/{a}"},
		"GET /plan/nodes/{id}/edit":              {readEdit, "/plan/nodes/{a}/edit"},
		"GET /plan/organisations":                {readOther, "/plan/organisations"},
		"GET /plan/strategies/{id}/export.csv":   {readStrategy, "/plan/strategies/{s}/export.csv"},
		"GET /plan/strategies/{id}/export.xlsx":  {readStrategy, "/plan/strategies/{s}/export.xlsx"},
		"GET /plan/strategies/{id}/import":       {readEdit, "/plan/strategies/{s}/import"},
		"GET /plan/attention":                    {readInternal, "/plan/attention"},
		"GET /municipalities/{ehak}/attention":   {readInternal, "/municipalities/0784/attention"},
		"GET /plan/strategies/{id}/reports":      {readStrategy, "/plan/strategies/{s}/reports"},
		"GET /plan/reports/{id}":                 {readStrategy, "/plan/reports/{r}"},
		"GET /plan/reports/{a}/compare/{b}":      {readStrategy, "/plan/reports/{r2}/compare/{r}"},
		"GET /plan/indicators/{id}":              {readStrategy, "/plan/indicators/{i}"},
		"GET /api/v1/strategies":                 {readList, "/api/v1/strategies"},
		"GET /api/v1/strategies/{id}":            {readStrategy, "/api/v1/strategies/{s}"},
		"GET /api/v1/strategies/{id}/tree":       {readStrategy, "/api/v1/strategies/{s}/tree"},
		"GET /api/v1/activities":                 {readList, "/api/v1/activities"},
		"GET /api/v1/activities/{id}":            {readStrategy, "/api/v1/activities/{a}"},
		"GET /api/v1/activities/{id}/updates":    {readStrategy, "/api/v1/activities/{a}/updates"},
		"GET /api/v1/attention":                  {readInternal, "/api/v1/attention"},
		"GET /api/v1/reports":                    {readList, "/api/v1/reports"},
		"GET /api/v1/reports/{id}":               {readStrategy, "/api/v1/reports/{r}"},
		"GET /api/v1/reports/{a}/compare/{b}":    {readStrategy, "/api/v1/reports/{r}/compare/{r2}"},
		"GET /api/v1/indicators":                 {readList, "/api/v1/indicators"},
		"GET /api/v1/indicators/{id}":            {readStrategy, "/api/v1/indicators/{i}"},
		"municipality page (its participations)": {readList, "/municipalities/0784"},
		"activities of one strategy":             {readStrategy, "/api/v1/activities?strategy={s}"},
		"indicators of one strategy":             {readStrategy, "/api/v1/indicators?strategy={s}"},
		"reports of one strategy":                {readList, "/api/v1/reports?strategy={s}"},
	}
}

// planRoute reports whether a route reads or writes the action plan.
func planRoute(route string) bool {
	_, path, _ := strings.Cut(route, " ")
	for _, p := range []string{"/plan", "/api/v1/strategies", "/api/v1/activities", "/api/v1/nodes", "/api/v1/tasks",
		"/api/v1/reports", "/api/v1/indicators", "/api/v1/attention", "/municipalities/{ehak}/attention"} {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}

// readFixture is a strategy with every kind of record the read routes show, each record's
// text holding stem, so a page shows stem exactly when it shows the strategy. Every node
// has an internal note starting "SISEMÄRKUS".
type readFixture struct {
	stem           string
	owner          string // the owner's EHAK, "" for national
	s, a, i, r, r2 int64
}

func newReadFixture(t *testing.T, a *testApp, ctx context.Context, stem string, status plan.StrategyStatus, owner string) readFixture {
	t.Helper()
	f := readFixture{stem: stem, owner: owner}
	s := plan.Strategy{TitleEt: stem + " kava", StartYear: 2026, EndYear: 2030, Status: status}
	if owner != "" {
		org := municipalityOrg(t, a, owner)
		s.OwnerID = &org
	}
	s, err := a.store.CreateStrategy(ctx, s.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	f.s = s.ID
	var parent *int64
	for _, k := range []plan.Kind{plan.Goal, plan.Direction, plan.Activity} {
		n, err := a.store.CreateNode(ctx, plan.Node{StrategyID: s.ID, ParentID: parent, Kind: k, Code: string(k),
			TitleEt: stem + " " + string(k), InternalNote: "SISEMÄRKUS " + stem + " " + string(k)})
		if err != nil {
			t.Fatal(err)
		}
		parent, f.a = &n.ID, n.ID
	}
	past := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC) // overdue: on the attention lists
	if _, err := a.store.AddParticipant(ctx, plan.Participant{ActivityID: f.a, MunicipalityEHAK: "0784", Due: &past}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.CreateTask(ctx, plan.Task{ActivityID: f.a, TitleEt: stem + " ülesanne", State: plan.TaskInProgress, Due: &past}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.PostProgressUpdate(ctx, plan.ProgressUpdate{ActivityID: f.a, Body: stem + " edeneb", Date: past}); err != nil {
		t.Fatal(err)
	}
	ind, err := a.store.CreateIndicator(ctx, plan.Indicator{StrategyID: s.ID, NameEt: stem + " näitaja", Better: plan.HigherIsBetter})
	if err != nil {
		t.Fatal(err)
	}
	f.i = ind.ID
	if _, err := a.store.AddMeasurement(ctx, plan.Measurement{IndicatorID: ind.ID, Value: 3, Date: past}); err != nil {
		t.Fatal(err)
	}
	for i, title := range []string{" aastaaruanne", " vahearuanne"} {
		rep, err := a.store.OpenReport(ctx, plan.Report{StrategyID: s.ID, TitleEt: stem + title,
			PeriodStart: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			// The first is frozen: its notes are in the stored state.
			if _, err := a.store.CompleteReport(ctx, rep.ID, rep.Version); err != nil {
				t.Fatal(err)
			}
			f.r = rep.ID
		} else {
			f.r2 = rep.ID
		}
	}
	return f
}

func (f readFixture) path(p string) string {
	return strings.NewReplacer("{s}", itoa(f.s), "{a}", itoa(f.a), "{i}", itoa(f.i), "{r2}", itoa(f.r2), "{r}", itoa(f.r)).Replace(p)
}

// text is a response's text; an XLSX file's is that of the files in it.
func text(t *testing.T, body string) string {
	if !strings.HasPrefix(body, "PK") {
		return body
	}
	z, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(&b, r)
		r.Close()
	}
	return b.String()
}

func TestPlanReadMatrix(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { testPlanReadMatrix(t, engine) })
	}
}

func testPlanReadMatrix(t *testing.T, engine string) {
	a := startApp(t, engine)
	cases := planReadCases()
	for _, r := range a.routes {
		if strings.HasPrefix(r, "GET ") && planRoute(r) {
			if _, ok := cases[r]; !ok {
				t.Errorf("plan route %q has no read case", r)
			}
		}
	}
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	national := newReadFixture(t, a, ctx, "Riigimustand", plan.Draft, "")
	tartu := newReadFixture(t, a, ctx, "Tartumustand", plan.Draft, "0793")

	actors := []struct {
		name   string
		client *http.Client
		reads  func(owner string) bool // a draft of owner ("" national)
		edits  func(owner string) bool
	}{
		{"anonymous", a.client(t), func(string) bool { return false }, func(string) bool { return false }},
		{"Tallinn's editor", a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")),
			func(o string) bool { return o == "" }, func(o string) bool { return o == "0784" }},
		{"Tartu's editor", a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793")),
			func(o string) bool { return o == "" || o == "0793" }, func(o string) bool { return o == "0793" }},
		{"a reader", a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, "")),
			func(string) bool { return true }, func(string) bool { return false }},
		{"a coordinator", a.as(t, coordUser), func(string) bool { return true }, func(string) bool { return true }},
	}
	for name, c := range cases {
		if c.kind == readOther {
			continue
		}
		for _, f := range []readFixture{national, tartu} {
			for _, actor := range actors {
				path := f.path(c.path)
				st, body := get(t, actor.client, a.URL+path)
				body = text(t, body)
				anonymous := actor.name == "anonymous"
				want, shown := http.StatusOK, actor.reads(f.owner)
				switch {
				case c.kind == readStrategy && !shown:
					want = http.StatusNotFound
				case c.kind == readInternal && anonymous:
					want, shown = signInStatus(path), false
				case c.kind == readEdit:
					shown = actor.edits(f.owner)
					if !shown {
						want = http.StatusForbidden
						if anonymous {
							want = signInStatus(path)
						}
					}
				}
				if st != want || strings.Contains(body, f.stem) != shown {
					t.Errorf("%s (%s) as %s: %d, shows the strategy %v; want %d, %v", name, f.stem, actor.name, st,
						strings.Contains(body, f.stem), want, shown)
				}
			}
		}
	}
}

// signInStatus is how a route answers an anonymous user where signing in would help: a
// page sends them to sign in, the API says 401.
func signInStatus(path string) int {
	if strings.HasPrefix(path, "/api/") {
		return http.StatusUnauthorized
	}
	return http.StatusSeeOther
}

// Every plan page and API answer the public can fetch, for an adopted strategy whose every
// node has an internal note: the note shows nowhere. A signed-in reader sees it, so the
// check would catch it.
func TestPlanInternalNotesStayInternal(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { testPlanInternalNotes(t, engine) })
	}
}

func testPlanInternalNotes(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	f := newReadFixture(t, a, ctx, "Avalikkava", plan.Adopted, "")
	// A second activity, contributing, related and in a municipality's adopted plan, so the
	// pages' links to other activities are there to leak from too.
	tartu := newReadFixture(t, a, ctx, "Tartukava", plan.Adopted, "0793")
	n, err := a.store.Node(ctx, tartu.a)
	if err != nil {
		t.Fatal(err)
	}
	n.ContributesTo, n.RelatedIDs = &f.a, []int64{f.a}
	if _, err := a.store.UpdateNode(ctx, n); err != nil {
		t.Fatal(err)
	}

	public := a.client(t)
	fetched := 0
	for name, c := range planReadCases() {
		for _, fx := range []readFixture{f, tartu} {
			path := fx.path(c.path)
			st, body := get(t, public, a.URL+path)
			body = text(t, body)
			if strings.Contains(body, "SISEMÄRKUS") {
				t.Errorf("%s: the public sees an internal note:\n%.2000s", path, body[max(0, strings.Index(body, "SISEMÄRKUS")-500):])
			}
			switch c.kind {
			case readStrategy, readList:
				if st != http.StatusOK || !strings.Contains(body, fx.stem) {
					t.Errorf("%s (%s): %d, shows the strategy %v; want 200 showing it", name, path, st, strings.Contains(body, fx.stem))
				}
				fetched++
			case readInternal, readEdit:
				if st != signInStatus(path) {
					t.Errorf("%s (%s): %d, want the sign-in answer", name, path, st)
				}
			}
		}
	}
	if fetched < 40 {
		t.Errorf("only %d public answers fetched", fetched)
	}
	reader := a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, ""))
	for _, p := range []string{"/plan/{s}", "/plan/activities/{a}", "/api/v1/strategies/{s}/tree", "/plan/reports/{r}"} {
		if _, body := get(t, reader, a.URL+f.path(p)); !strings.Contains(body, "SISEMÄRKUS Avalikkava") {
			t.Errorf("%s: a signed-in reader does not see the internal note", p)
		}
	}
}

// Writing does not get round reading: a change under an activity of a plan the actor may
// not read (Tartu's draft, in which Tallinn takes part and Tallinn's editor is a contact)
// is answered as a change under an unknown activity, and changes nothing; and linking to
// such an activity is refused as linking to an unknown one, so no answer tells which ids
// exist. An activity contributes only to a national one.
func TestPlanWritesNeedRead(t *testing.T) {
	onEngines(t, testPlanWritesNeedRead)
}

func testPlanWritesNeedRead(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	tallinnUser := a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")
	national := newReadFixture(t, a, ctx, "Riigikava", plan.Adopted, "")
	tartuDraft := newReadFixture(t, a, ctx, "Tartumustand", plan.Draft, "0793")
	tartuAdopted := newReadFixture(t, a, ctx, "Tartukava", plan.Adopted, "0793")
	own := newReadFixture(t, a, ctx, "Tallinnakava", plan.Draft, "0784")
	secret, err := a.store.Node(ctx, tartuDraft.a)
	if err != nil {
		t.Fatal(err)
	}
	secret.ContactIDs = []int64{tallinnUser.ID}
	if _, err := a.store.UpdateNode(ctx, secret); err != nil {
		t.Fatal(err)
	}
	form, js := "application/x-www-form-urlencoded", "application/json"
	tallinn := a.as(t, tallinnUser)
	actors := map[string]*http.Client{"anonymous": a.client(t), "a reader": a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, "")),
		"Tallinn's editor": tallinn}
	state := func() string {
		tree, err := a.store.StrategyTree(ctx, tartuDraft.s)
		if err != nil {
			t.Fatal(err)
		}
		ups, err := a.store.ProgressUpdates(ctx, tartuDraft.a)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := json.Marshal([]any{tree.Participants, ups})
		return string(b)
	}
	for _, c := range []struct{ method, path, ctype, body string }{
		{"PUT", "/api/v1/activities/{a}/participants/0784", js, `{"status":"done","completion":100,"version":1}`},
		{"POST", "/plan/activities/{a}/participants/0784", form, "status=done&completion=100&version=1"},
		{"POST", "/api/v1/activities/{a}/updates", js, `{"body":"Edenes","date":"2026-06-01T00:00:00Z"}`},
		{"POST", "/plan/activities/{a}/updates", form, "body=Edenes&date=2026-06-01"},
	} {
		for name, client := range actors {
			before := state()
			unknown, _ := send(t, client, c.method, a.URL+strings.ReplaceAll(c.path, "{a}", "999999"), c.ctype, c.body)
			got, body := send(t, client, c.method, a.URL+tartuDraft.path(c.path), c.ctype, c.body)
			if got != unknown || got < 400 {
				t.Errorf("%s %s as %s: %d, want %d as for an unknown activity\n%.300s", c.method, c.path, name, got, unknown, body)
			}
			if after := state(); after != before {
				t.Errorf("%s %s as %s changed Tartu's draft:\n%s\n%s", c.method, c.path, name, before, after)
			}
		}
	}

	// Links from Tallinn's own plan, by its editor: to Tartu's draft as to no activity.
	answer := func(method, path, body string) (int, string) {
		st, b := send(t, tallinn, method, a.URL+path, js, body)
		var p struct{ Errors []struct{ Field, Key string } }
		json.Unmarshal([]byte(b), &p)
		return st, fmt.Sprint(p.Errors)
	}
	ownNode := func() plan.Node {
		n, err := a.store.Node(ctx, own.a)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, link := range []string{`{"related_ids":[%s],"version":%d}`, `{"contributes_to":%s,"version":%d}`} {
		v := ownNode().Version
		path := "/api/v1/nodes/" + itoa(own.a)
		st, problems := answer("PATCH", path, fmt.Sprintf(link, itoa(tartuDraft.a), v))
		wantSt, wantProblems := answer("PATCH", path, fmt.Sprintf(link, "999999", v))
		if st != wantSt || problems != wantProblems || st != http.StatusUnprocessableEntity {
			t.Errorf("PATCH %s: %d %s to Tartu's draft; %d %s to no activity", link, st, problems, wantSt, wantProblems)
		}
	}
	newNode := func(related string) string {
		return `{"kind":"goal","code":"L` + related + `","title_et":"Uus","related_ids":[` + related + `]}`
	}
	path := "/api/v1/strategies/" + itoa(own.s) + "/nodes"
	if st, p := answer("POST", path, newNode(itoa(tartuDraft.a))); st != http.StatusUnprocessableEntity {
		t.Errorf("POST a node related to Tartu's draft: %d %s", st, p)
	} else if wantSt, wantP := answer("POST", path, newNode("999999")); wantSt != st || wantP != p {
		t.Errorf("POST a node related to Tartu's draft: %d %s; to no activity %d %s", st, p, wantSt, wantP)
	}
	webEdit := func(field, id string) int {
		st, _ := postForm(t, tallinn, a.URL+"/plan/activities/"+itoa(own.a)+"/edit", url.Values{
			"version": {itoa(int64(ownNode().Version))}, "status": {"not_started"}, "completion": {"0"}, "weight": {"1"}, field: {id}})
		return st
	}
	for _, field := range []string{"related_ids", "contributes_to"} {
		if st, unknown := webEdit(field, itoa(tartuDraft.a)), webEdit(field, "999999"); st != unknown || st != http.StatusUnprocessableEntity {
			t.Errorf("the activity form's %s to Tartu's draft: %d; to no activity %d", field, st, unknown)
		}
	}
	if n := ownNode(); len(n.RelatedIDs) != 0 || n.ContributesTo != nil {
		t.Errorf("a refused link was saved: %+v", n)
	}

	// Only a national activity takes contributions; a readable municipal one is refused.
	v := ownNode().Version
	if st, p := answer("PATCH", "/api/v1/nodes/"+itoa(own.a), fmt.Sprintf(`{"contributes_to":%d,"version":%d}`, tartuAdopted.a, v)); st != http.StatusUnprocessableEntity ||
		!strings.Contains(p, "contributes_national") {
		t.Errorf("contributing to Tartu's adopted plan: %d %s", st, p)
	}
	if st, p := answer("PATCH", "/api/v1/nodes/"+itoa(own.a), fmt.Sprintf(`{"contributes_to":%d,"related_ids":[%d],"version":%d}`, national.a, tartuAdopted.a, v)); st != http.StatusOK {
		t.Errorf("contributing to a national activity, related to a readable one: %d %s", st, p)
	}
}

// A municipality's change log names its staff and keeps their earlier contact details:
// it is for coordinators and the municipality's own editors, not for the public, readers
// or other municipalities' editors. Past 50 entries it pages like any list.
func TestMunicipalityHistoryReaders(t *testing.T) {
	onEngines(t, testMunicipalityHistoryReaders)
}

func testMunicipalityHistoryReaders(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	for i := range 55 {
		m, err := a.store.Municipality(ctx, "0784")
		if err != nil {
			t.Fatal(err)
		}
		d := municipality.Details{Contact: municipality.Contact{Name: fmt.Sprintf("Endine Töötaja %d", i), Email: "endine@tallinn.test"}, Version: m.Version}
		if _, err := a.store.UpdateDetails(ctx, "0784", d); err != nil {
			t.Fatal(err)
		}
	}
	path := a.URL + "/municipalities/0784/history"
	for name, c := range map[string]struct {
		client *http.Client
		status int
	}{
		"anonymous":        {a.client(t), http.StatusSeeOther},
		"a reader":         {a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, "")), http.StatusForbidden},
		"Tartu's editor":   {a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793")), http.StatusForbidden},
		"Tallinn's editor": {a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784")), http.StatusOK},
		"a coordinator":    {a.as(t, coordUser), http.StatusOK},
	} {
		st, body := get(t, c.client, path)
		if st != c.status || strings.Contains(body, "Endine Töötaja") != (c.status == http.StatusOK) {
			t.Errorf("history as %s: %d, shows the staff %v; want %d", name, st, strings.Contains(body, "Endine Töötaja"), c.status)
		}
		if _, page := get(t, c.client, a.URL+"/municipalities/0784"); strings.Contains(page, "/municipalities/0784/history") != (c.status == http.StatusOK) {
			t.Errorf("the municipality page as %s links the history: %v", name, strings.Contains(page, "/municipalities/0784/history"))
		}
		if c.status != http.StatusOK {
			continue
		}
		// 55 changes and the load: the first page shows 50 and links the next.
		if !strings.Contains(body, "Kuvatakse 1–50, kokku 56") || !strings.Contains(body, "offset=50") {
			t.Errorf("history as %s: the first page does not page:\n%.3000s", name, body[max(0, strings.Index(body, "pager")-200):])
		}
		if _, next := get(t, c.client, path+"?offset=50"); !strings.Contains(next, "Kuvatakse 51–56, kokku 56") {
			t.Errorf("history as %s: the second page:\n%.2000s", name, next)
		}
	}
}

// The contact picker of a municipality's own plan offers only who may be its contacts, its
// editors and the coordinators, by name: an editor does not harvest every account's name
// and e-mail address. Naming another account by id is refused as an unknown one is.
func TestContactPickerOffersContactsOnly(t *testing.T) {
	onEngines(t, testContactPicker)
}

func testContactPicker(t *testing.T, engine string) {
	a := startApp(t, engine)
	coordUser := a.user(t, "koordinaator@kovit.test", auth.RoleCoordinator, "")
	ctx := auth.WithUser(context.Background(), &coordUser)
	own := newReadFixture(t, a, ctx, "Tallinnakava", plan.Draft, "0784")
	tallinn := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	colleague := a.user(t, "kolleeg@tallinn.test", auth.RoleEditor, "0784")
	stranger := a.user(t, "it@tartu.test", auth.RoleEditor, "0793")
	ministry := a.user(t, "lugeja@ministeerium.test", auth.RoleReader, "")

	_, page := get(t, tallinn, a.URL+"/plan/activities/"+itoa(own.a))
	picker := page[max(0, strings.Index(page, `name="contact_ids"`)):]
	for _, u := range []auth.User{colleague, coordUser} {
		if !strings.Contains(picker, `value="`+itoa(u.ID)+`"`) || !strings.Contains(picker, u.Name) {
			t.Errorf("the picker does not offer %s", u.Email)
		}
	}
	for _, u := range []auth.User{stranger, ministry} {
		if strings.Contains(picker, `value="`+itoa(u.ID)+`"`) || strings.Contains(picker, u.Name) {
			t.Errorf("the picker offers %s, who may not be a contact of Tallinn's plan", u.Email)
		}
	}
	if strings.Contains(picker, "&lt;kolleeg@tallinn.test&gt;") || strings.Contains(picker, "&lt;koordinaator@kovit.test&gt;") {
		t.Error("the picker shows an editor the accounts' e-mail addresses")
	}

	n, err := a.store.Node(ctx, own.a)
	if err != nil {
		t.Fatal(err)
	}
	answer := func(id int64) (int, string) {
		st, body := send(t, tallinn, "PATCH", a.URL+"/api/v1/nodes/"+itoa(own.a), "application/json",
			fmt.Sprintf(`{"contact_ids":[%d],"version":%d}`, id, n.Version))
		var p struct{ Errors []struct{ Field, Key string } }
		json.Unmarshal([]byte(body), &p)
		return st, fmt.Sprint(p.Errors)
	}
	unknownSt, unknown := answer(999999)
	for _, u := range []auth.User{stranger, ministry} {
		if st, p := answer(u.ID); st != unknownSt || p != unknown || st != http.StatusUnprocessableEntity {
			t.Errorf("%s as a contact: %d %s; an unknown account %d %s", u.Email, st, p, unknownSt, unknown)
		}
	}
	webSt, _ := postForm(t, tallinn, a.URL+"/plan/activities/"+itoa(own.a)+"/edit", url.Values{"version": {itoa(int64(n.Version))},
		"status": {"not_started"}, "completion": {"0"}, "weight": {"1"}, "contact_ids": {itoa(stranger.ID)}})
	if webSt != http.StatusUnprocessableEntity {
		t.Errorf("the form naming Tartu's editor as a contact: %d, want 422", webSt)
	}
	if st, p := answer(colleague.ID); st != http.StatusOK {
		t.Errorf("a colleague as a contact: %d %s", st, p)
	}
}
