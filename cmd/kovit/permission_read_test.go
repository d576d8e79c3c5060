package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
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
