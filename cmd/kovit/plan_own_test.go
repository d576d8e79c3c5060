package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

// A municipality's editor makes their municipality's own plan from the plan list, as the
// API lets them: the owner is fixed to their municipality, and they can go on to edit it.
// Another owner is refused (also in the permission matrix), and a reader gets no form.

func TestPlanOwnStrategy(t *testing.T) {
	onEngines(t, testPlanOwnStrategy)
}

// municipalityOrg is the id of the organisation standing for the municipality ehak.
func municipalityOrg(t testing.TB, a *testApp, ehak string) int64 {
	t.Helper()
	orgs, err := a.store.ListOrganisations(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range orgs {
		if o.MunicipalityEHAK == ehak {
			return o.ID
		}
	}
	t.Fatalf("no organisation for %s", ehak)
	return 0
}

func testPlanOwnStrategy(t *testing.T, engine string) {
	a := startApp(t, engine)
	ctx := context.Background()
	tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
	reader := a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, ""))
	coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
	tartuOrg, tallinnOrg := municipalityOrg(t, a, "0793"), municipalityOrg(t, a, "0784")
	count := func() int {
		t.Helper()
		_, n, err := a.store.ListStrategies(ctx, plan.StrategyFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	_, page := get(t, tartu, a.URL+"/plan")
	mustContain(t, "the editor's list", page, `<form method="post" action="/plan"`, `<input type="hidden" name="owner_id" value="`+itoa(tartuOrg)+`">`,
		"Tartu linn", "kuulub teie omavalitsusele")
	if strings.Contains(page, `<select id="f-owner_id"`) || strings.Contains(page, `id="organisations-link"`) {
		t.Error("the editor may choose the owner, or is offered the organisations")
	}
	if _, page := get(t, reader, a.URL+"/plan"); strings.Contains(page, `action="/plan"`) {
		t.Error("a reader is offered the new-strategy form")
	}
	if _, page := get(t, coord, a.URL+"/plan"); !strings.Contains(page, `<select id="f-owner_id" name="owner_id"><option value="0">`) {
		t.Error("a coordinator cannot choose the owner")
	}

	before := count()
	form := url.Values{"title_et": {"Tartu IT arengukava"}, "start_year": {"2026"}, "end_year": {"2028"}}
	for _, c := range []struct {
		name   string
		client *http.Client
		owner  string
		status int
	}{
		{"the editor, for another municipality", tartu, itoa(tallinnOrg), http.StatusForbidden},
		{"the editor, a national strategy", tartu, "0", http.StatusForbidden},
		{"the editor, with no owner", tartu, "", http.StatusForbidden},
		{"the editor, an unknown owner", tartu, "999999", http.StatusForbidden},
		{"a reader, for their own", reader, itoa(tartuOrg), http.StatusForbidden},
		{"a coordinator, an unknown owner", coord, "999999", http.StatusUnprocessableEntity},
	} {
		v := cloneValues(form)
		v.Set("owner_id", c.owner)
		if st, body := postForm(t, c.client, a.URL+"/plan", v); st != c.status {
			t.Errorf("%s: %d, want %d\n%.300s", c.name, st, c.status, body)
		}
	}
	if count() != before {
		t.Fatal("a refused strategy was made")
	}
	// A title left out comes back on the form with the owner still fixed.
	st, body := postForm(t, tartu, a.URL+"/plan", url.Values{"start_year": {"2026"}, "end_year": {"2028"}, "owner_id": {itoa(tartuOrg)}})
	expect(t, "no title", st, body, http.StatusUnprocessableEntity, "error-summary", `name="owner_id" value="`+itoa(tartuOrg)+`"`)

	v := cloneValues(form)
	v.Set("owner_id", itoa(tartuOrg))
	res, err := tartu.PostForm(a.URL+"/plan", v)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/plan/") {
		t.Fatalf("the editor's own plan: %d %s", res.StatusCode, loc)
	}
	all, _, err := a.store.ListStrategies(ctx, plan.StrategyFilter{OwnerID: tartuOrg})
	if err != nil || len(all) != 1 {
		t.Fatalf("Tartu's strategies %+v %v", all, err)
	}
	own := all[0]
	if loc != "/plan/"+itoa(own.ID) || own.Status != plan.Draft || own.TitleEt != "Tartu IT arengukava" {
		t.Errorf("made %+v, redirected to %s", own, loc)
	}
	// It is theirs to fill: they add a goal to it.
	if st, body := postForm(t, tartu, a.URL+loc+"/nodes", url.Values{"kind": {"goal"}, "code": {"1"}, "title_et": {"Digitaalne linn"}}); st != http.StatusSeeOther {
		t.Errorf("the editor adds a goal to their plan: %d %.300s", st, body)
	}
}
