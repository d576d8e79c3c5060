package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/sqlstore/sqlstoretest"
)

// Who may read what of the needs module (issue 6), over HTTP for every GET route of its
// pages and API: editors read only their municipality's needs; readers (ministry staff)
// needs once submitted, never drafts or needs returned for changes; coordinators all;
// the public only published consolidated needs and measures. The test fails for a needs
// GET route that has no read case.

// Texts that tell the records apart in a response.
const (
	draftTitle, draftEmail         = "Mustandvajadus", "mustand@tallinn.test"
	returnedTitle, returnedEmail   = "Tagastatud vajadus", "tagastatud@tallinn.test"
	submittedTitle, submittedEmail = "Esitatud vajadus", "esitatud@tallinn.test"
	publicCon, internalCon         = "Avalik koondvajadus", "Sisemine koondvajadus"
	publicMeasure, internalMeasure = "Avalik meede", "Sisemine meede"
)

// readWant is what one actor must get from one route.
type readWant struct {
	status int
	sees   []string // texts the response must contain
	hides  []string // texts it must not
}

// The actors, by the keys of readCase.
const (
	anon   = "anonymous"
	other  = "editor of another municipality"
	reader = "reader"
	coord  = "coordinator"
)

type readCase map[string]readWant

var (
	allNeeds       = []string{draftTitle, draftEmail, returnedTitle, returnedEmail, submittedTitle, submittedEmail}
	unsubmitted    = []string{draftTitle, draftEmail, returnedTitle, returnedEmail}
	submitted      = []string{submittedTitle, submittedEmail}
	allNeedTitles  = []string{draftTitle, returnedTitle, submittedTitle}
	unsubmittedTTL = []string{draftTitle, returnedTitle}
)

// signedIn is a route for signed-in users only, refused to the public with status.
func signedIn(refused int, w readCase) readCase {
	w[anon] = readWant{status: refused}
	return w
}

// same gives every signed-in actor the same answer.
func same(w readWant) readCase { return readCase{other: w, reader: w, coord: w} }

// needRoute is a single need's route: a draft, a need returned for changes and a
// submitted one of Tallinn (0784), read by an editor of Tartu, a reader and a coordinator.
func needRoute(refused, forbidden int, which, title string) readCase {
	w := readCase{anon: {status: refused}, other: {status: forbidden}, coord: {status: 200, sees: []string{title}}}
	if which == "{submitted}" {
		w[reader] = readWant{status: 200, sees: []string{title}}
	} else {
		w[reader] = readWant{status: forbidden}
	}
	return w
}

// needReadCases are the read cases by route pattern, each by concrete path.
func needReadCases() map[string]map[string]readCase {
	ok := func(sees, hides []string) readWant { return readWant{status: 200, sees: sees, hides: hides} }
	needList := func(refused int, sees []string, unsub []string) readCase {
		return signedIn(refused, readCase{other: ok(nil, sees), reader: ok(submittedOnly(sees), unsub), coord: ok(sees, nil)})
	}
	published := func(signedInSees []string) readCase {
		return readCase{anon: ok([]string{publicCon}, []string{internalCon}), other: ok(signedInSees, nil),
			reader: ok(signedInSees, nil), coord: ok(signedInSees, nil)}
	}
	measures := readCase{anon: ok([]string{publicMeasure}, []string{internalMeasure}), other: ok([]string{publicMeasure, internalMeasure}, nil),
		reader: ok([]string{publicMeasure, internalMeasure}, nil), coord: ok([]string{publicMeasure, internalMeasure}, nil)}
	bothCons := []string{publicCon, internalCon}
	// A round's dashboard: Tallinn's count of drafts (1) is Tallinn's own, beside its two
	// needs past draft; the page's and the API's forms of it.
	round := func(draftCount string) readCase {
		title := "IKT vajadused 2027"
		return readCase{other: ok([]string{title}, append([]string{draftCount}, allNeeds...)),
			reader: ok([]string{title}, append([]string{draftCount}, allNeeds...)), coord: ok([]string{title, draftCount}, allNeeds)}
	}
	// A published measure's or consolidated need's page: the public sees it without its
	// needs, an editor of another municipality without Tallinn's need.
	behind := func(title string, withEmail bool) readCase {
		s := []string{title, submittedTitle}
		if withEmail {
			s = append(s, submittedEmail)
		}
		return readCase{anon: ok([]string{title}, s[1:]), other: ok([]string{title}, s[1:]), reader: ok(s, unsubmitted), coord: ok(s, nil)}
	}
	return map[string]map[string]readCase{
		"GET /needs":                              {"/needs": needList(http.StatusSeeOther, allNeedTitles, unsubmittedTTL)},
		"GET /needs.csv":                          {"/needs.csv": needList(http.StatusSeeOther, allNeeds, unsubmitted)},
		"GET /needs.xlsx":                         {"/needs.xlsx": needList(http.StatusSeeOther, allNeeds, unsubmitted)},
		"GET /needs/new":                          {"/needs/new": signedIn(http.StatusSeeOther, readCase{other: ok(nil, nil), reader: {status: 403}, coord: ok(nil, nil)})},
		"GET /needs/import":                       {"/needs/import": signedIn(http.StatusSeeOther, readCase{other: ok(nil, nil), reader: {status: 403}, coord: ok(nil, nil)})},
		"GET /needs/{id}":                         {"/needs/{draft}": needRoute(303, 403, "{draft}", draftEmail), "/needs/{returned}": needRoute(303, 403, "{returned}", returnedEmail), "/needs/{submitted}": needRoute(303, 403, "{submitted}", submittedEmail)},
		"GET /rounds":                             {"/rounds": signedIn(http.StatusSeeOther, same(ok([]string{"IKT vajadused 2027"}, nil)))},
		"GET /rounds/{id}":                        {"/rounds/{round}": signedIn(http.StatusSeeOther, round(`<td class="num">2</td><td class="num">1</td>`))},
		"GET /consolidated":                       {"/consolidated": published(bothCons)},
		"GET /consolidated.csv":                   {"/consolidated.csv": published(bothCons)},
		"GET /consolidated.xlsx":                  {"/consolidated.xlsx": published(bothCons)},
		"GET /consolidated/{id}":                  {"/consolidated/{pub}": behind(publicCon, false), "/consolidated/{internal}": signedIn(http.StatusNotFound, same(ok([]string{internalCon}, nil)))},
		"GET /priorities":                         {"/priorities": published(bothCons)},
		"GET /measures":                           {"/measures": measures},
		"GET /measures.csv":                       {"/measures.csv": measures},
		"GET /measures.xlsx":                      {"/measures.xlsx": measures},
		"GET /measures/{id}":                      {"/measures/{pubm}": behind(publicMeasure, false), "/measures/{internalm}": signedIn(http.StatusNotFound, same(ok([]string{internalMeasure}, nil)))},
		"GET /measures/{id}/proposal":             {"/measures/{pubm}/proposal": signedIn(http.StatusSeeOther, same(ok([]string{publicMeasure, publicCon}, allNeedTitles)))},
		"GET /measures/{id}/proposal.xlsx":        {"/measures/{pubm}/proposal.xlsx": signedIn(http.StatusSeeOther, same(ok([]string{publicMeasure, publicCon, "Tallinn"}, allNeeds)))},
		"GET /api/v1/needs":                       {"/api/v1/needs": needList(401, allNeeds, unsubmitted)},
		"GET /api/v1/needs.csv":                   {"/api/v1/needs.csv": needList(401, allNeeds, unsubmitted)},
		"GET /api/v1/needs.xlsx":                  {"/api/v1/needs.xlsx": needList(401, allNeeds, unsubmitted)},
		"GET /api/v1/needs/{id}":                  {"/api/v1/needs/{draft}": needRoute(401, 403, "{draft}", draftEmail), "/api/v1/needs/{returned}": needRoute(401, 403, "{returned}", returnedEmail), "/api/v1/needs/{submitted}": needRoute(401, 403, "{submitted}", submittedEmail)},
		"GET /api/v1/needs/{id}/similar":          {"/api/v1/needs/{draft}/similar": needRoute(401, 403, "{draft}", `"items"`), "/api/v1/needs/{submitted}/similar": needRoute(401, 403, "{submitted}", `"items"`)},
		"GET /api/v1/needs/{id}/trace":            {"/api/v1/needs/{draft}/trace": needRoute(401, 403, "{draft}", draftEmail), "/api/v1/needs/{returned}/trace": needRoute(401, 403, "{returned}", returnedEmail), "/api/v1/needs/{submitted}/trace": needRoute(401, 403, "{submitted}", submittedEmail)},
		"GET /api/v1/consolidated-needs":          {"/api/v1/consolidated-needs": published(bothCons)},
		"GET /api/v1/consolidated-needs.csv":      {"/api/v1/consolidated-needs.csv": published(bothCons)},
		"GET /api/v1/consolidated-needs.xlsx":     {"/api/v1/consolidated-needs.xlsx": published(bothCons)},
		"GET /api/v1/consolidated-needs/{id}":     {"/api/v1/consolidated-needs/{pub}": readCase{anon: ok([]string{publicCon}, nil), other: ok([]string{publicCon}, nil), reader: ok([]string{publicCon}, nil), coord: ok([]string{publicCon}, nil)}, "/api/v1/consolidated-needs/{internal}": signedIn(404, same(ok([]string{internalCon}, nil)))},
		"GET /api/v1/priorities":                  {"/api/v1/priorities": published(bothCons)},
		"GET /api/v1/priority-weights":            {"/api/v1/priority-weights": signedIn(401, same(ok([]string{`"cost_efficiency"`}, nil)))},
		"GET /api/v1/measures":                    {"/api/v1/measures": measures},
		"GET /api/v1/measures.csv":                {"/api/v1/measures.csv": measures},
		"GET /api/v1/measures.xlsx":               {"/api/v1/measures.xlsx": measures},
		"GET /api/v1/measures/{id}":               {"/api/v1/measures/{pubm}": readCase{anon: ok([]string{publicMeasure}, nil), other: ok([]string{publicMeasure}, nil), reader: ok([]string{publicMeasure}, nil), coord: ok([]string{publicMeasure}, nil)}, "/api/v1/measures/{internalm}": signedIn(404, same(ok([]string{internalMeasure}, nil)))},
		"GET /api/v1/measures/{id}/budget":        {"/api/v1/measures/{pubm}/budget": signedIn(401, same(ok([]string{"Tallinn"}, allNeeds)))},
		"GET /api/v1/measures/{id}/trace":         {"/api/v1/measures/{pubm}/trace": signedIn(401, readCase{other: ok([]string{publicCon}, allNeeds), reader: ok(append([]string{publicCon}, submitted...), unsubmitted), coord: ok(append([]string{publicCon}, submitted...), nil)})},
		"GET /api/v1/measures/{id}/proposal":      {"/api/v1/measures/{pubm}/proposal": signedIn(401, same(ok([]string{publicMeasure, publicCon}, allNeeds)))},
		"GET /api/v1/measures/{id}/proposal.xlsx": {"/api/v1/measures/{pubm}/proposal.xlsx": signedIn(401, same(ok([]string{publicMeasure, publicCon, "Tallinn"}, allNeeds)))},
		"GET /api/v1/rounds":                      {"/api/v1/rounds": signedIn(401, same(ok([]string{"IKT vajadused 2027"}, nil)))},
		"GET /api/v1/rounds/{id}":                 {"/api/v1/rounds/{round}": signedIn(401, round(`"name":"Tallinn","drafts":1,"submitted":2`))},
	}
}

// submittedOnly keeps of texts those of the submitted need.
func submittedOnly(texts []string) []string {
	var out []string
	for _, s := range texts {
		if s == submittedTitle || s == submittedEmail {
			out = append(out, s)
		}
	}
	return out
}

// needsRoute reports whether a route pattern belongs to the needs module.
func needsRoute(pattern string) bool {
	path := strings.TrimPrefix(strings.Fields(pattern)[1], "/api/v1")
	for _, p := range []string{"/needs", "/rounds", "/consolidated", "/priorit", "/measures", "/projects"} {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

func TestPermissionNeedReads(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { testPermissionNeedReads(t, engine) })
	}
}

func testPermissionNeedReads(t *testing.T, engine string) {
	a := startApp(t, engine)
	ids := needReadFixture(t, a)
	cases := needReadCases()
	for _, r := range a.routes {
		if strings.HasPrefix(r, "GET ") && needsRoute(r) {
			if _, ok := cases[r]; !ok {
				t.Errorf("needs route %q has no read case", r)
			}
		}
	}
	clients := map[string]*http.Client{
		anon:   a.client(t),
		other:  a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793")),
		reader: a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, "")),
		coord:  a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")),
	}
	for pattern, paths := range cases {
		for path, want := range paths {
			path = ids.Replace(path)
			for actor, w := range want {
				status, body := get(t, clients[actor], a.URL+path)
				body = readable(t, body)
				if status != w.status {
					t.Errorf("%s (%s) as %s: status %d, want %d\n%.300s", path, pattern, actor, status, w.status, body)
					continue
				}
				for _, s := range w.sees {
					if !strings.Contains(body, s) {
						t.Errorf("%s as %s: %q not shown", path, actor, s)
					}
				}
				for _, s := range w.hides {
					if strings.Contains(body, s) {
						t.Errorf("%s as %s: %q shown", path, actor, s)
					}
				}
			}
		}
	}
}

// readable turns an XLSX body into the text of every cell of every sheet, one cell a
// line; other bodies stay as they are.
func readable(t *testing.T, body string) string {
	t.Helper()
	if !strings.HasPrefix(body, "PK") {
		return body
	}
	f, err := excelize.OpenReader(strings.NewReader(body))
	if err != nil {
		t.Fatalf("an XLSX body does not read: %v", err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			b.WriteString(strings.Join(row, "\n") + "\n")
		}
	}
	return b.String()
}

// needReadFixture stores Tallinn's (0784) three needs in a round: a draft, one returned
// for changes and a submitted one accepted into a published consolidated need mapped to
// a published measure; and an unpublished consolidated need and measure.
func needReadFixture(t *testing.T, a *testApp) *strings.Replacer {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	round, err := a.store.CreateRound(ctx, need.Round{Title: "IKT vajadused 2027", Deadline: "2026-12-31", Open: true})
	if err != nil {
		t.Fatal(err)
	}
	cost := kovit.Money(1_000_000)
	mk := func(title, email string, to ...need.Transition) need.Need {
		n, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0784", RoundID: &round.ID, Title: title, Category: need.CatRecords,
			Cost: &cost, ContactName: "Tiit", ContactEmail: email})
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range to {
			tr.Version = n.Version
			if n, err = a.store.TransitionNeed(ctx, n.ID, tr); err != nil {
				t.Fatal(err)
			}
		}
		return n
	}
	draft := mk(draftTitle, draftEmail)
	returned := mk(returnedTitle, returnedEmail, need.Transition{To: need.Submitted}, need.Transition{To: need.Returned, Reason: "Lisage maksumuse alus"})
	sub := mk(submittedTitle, submittedEmail, need.Transition{To: need.Submitted})
	pub, err := a.store.CreateConsolidated(ctx, need.Consolidated{Title: publicCon, Category: need.CatRecords, Published: true}, []int64{sub.ID})
	if err != nil {
		t.Fatal(err)
	}
	internal, err := a.store.CreateConsolidated(ctx, need.Consolidated{Title: internalCon, Category: need.CatRecords}, nil)
	if err != nil {
		t.Fatal(err)
	}
	pubm, err := a.store.CreateMeasure(ctx, need.Measure{Name: publicMeasure, StartYear: 2026, EndYear: 2029, Budget: 100_000_000, CoFinancing: 15, Published: true})
	if err != nil {
		t.Fatal(err)
	}
	internalm, err := a.store.CreateMeasure(ctx, need.Measure{Name: internalMeasure, StartYear: 2026, EndYear: 2029, Budget: 100})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.MapToMeasure(ctx, pub.ID, &pubm.ID, pub.Version); err != nil {
		t.Fatal(err)
	}
	return strings.NewReplacer("{draft}", itoa(draft.ID), "{returned}", itoa(returned.ID), "{submitted}", itoa(sub.ID),
		"{pub}", itoa(pub.ID), "{internal}", itoa(internal.ID), "{pubm}", itoa(pubm.ID), "{internalm}", itoa(internalm.ID),
		"{round}", itoa(round.ID))
}
