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

// The action plan's editing pages on each engine: every form saves; bad input comes back
// with the field named and nothing saved; a stale version is a conflict. Who is refused
// is the permission matrix's (permission_test.go).

// planEditFixture is a draft national strategy with two directions, the first holding two
// activities, made through the UI by a coordinator.
type planEditFixture struct {
	a          *testApp
	coord      *http.Client
	strategy   plan.Strategy
	dir1, dir2 int64
	act1, act2 int64
}

func newPlanEditFixture(t *testing.T, engine string) planEditFixture {
	t.Helper()
	a := startApp(t, engine)
	f := planEditFixture{a: a, coord: a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))}
	if st, body := postForm(t, f.coord, a.URL+"/plan", url.Values{"title_et": {"Muudetav kava"}, "start_year": {"2026"}, "end_year": {"2030"}}); st != http.StatusSeeOther {
		t.Fatalf("create strategy: %d %.300s", st, body)
	}
	all, _, err := a.store.ListStrategies(context.Background(), plan.StrategyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range all {
		if s.TitleEt == "Muudetav kava" {
			f.strategy = s
		}
	}
	base := a.URL + "/plan/" + itoa(f.strategy.ID) + "/nodes"
	add := func(kind, parent, code, title string) int64 {
		t.Helper()
		if st, body := postForm(t, f.coord, base, url.Values{"kind": {kind}, "parent_id": {parent}, "code": {code}, "title_et": {title}}); st != http.StatusSeeOther {
			t.Fatalf("add %s: %d %.300s", code, st, body)
		}
		for _, n := range f.tree(t).Nodes {
			if n.Code == code {
				return n.ID
			}
		}
		t.Fatalf("%s not stored", code)
		return 0
	}
	f.dir1 = add("direction", "0", "1", "Esimene suund")
	f.dir2 = add("direction", "0", "2", "Teine suund")
	f.act1 = add("activity", itoa(f.dir1), "1.1", "Esimene tegevus")
	f.act2 = add("activity", itoa(f.dir1), "1.2", "Teine tegevus")
	return f
}

func (f planEditFixture) tree(t *testing.T) plan.Tree {
	t.Helper()
	tr, err := f.a.store.StrategyTree(context.Background(), f.strategy.ID)
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

func (f planEditFixture) node(t *testing.T, id int64) plan.Node {
	t.Helper()
	n, err := f.a.store.Node(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// expect checks a response's status and that its body holds each of want.
func expect(t *testing.T, what string, st int, body string, status int, want ...string) {
	t.Helper()
	if st != status {
		t.Errorf("%s: status %d, want %d\n%.500s", what, st, status, body)
		return
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: the page lacks %q", what, w)
		}
	}
}

func TestPlanActivityForm(t *testing.T) {
	onEngines(t, testPlanActivityForm)
}

func testPlanActivityForm(t *testing.T, engine string) {
	f := newPlanEditFixture(t, engine)
	a, ctx := f.a, context.Background()
	contact := a.user(t, "kontakt@kovit.test", auth.RoleReader, "")
	orgs, err := a.store.ListOrganisations(ctx)
	if err != nil || len(orgs) == 0 {
		t.Fatal(orgs, err)
	}
	partner := orgs[0].ID
	actURL := a.URL + "/plan/activities/" + itoa(f.act1)
	_, page := get(t, f.coord, actURL)
	for _, w := range []string{`name="partner_org_ids"`, `name="contact_ids"`, "kontakt@kovit.test", `name="planned_budget"`,
		`name="related_ids" value="` + itoa(f.act2) + `"`, `<legend>`} {
		if !strings.Contains(page, w) {
			t.Errorf("the activity form lacks %q", w)
		}
	}
	if strings.Contains(page, `name="contributes_to"`) {
		t.Error("a national plan's activity offers to contribute to a national activity")
	}

	stored := f.node(t, f.act1)
	full := url.Values{"code": {"1.1a"}, "title_et": {"Uus pealkiri"}, "title_en": {"New title"}, "description_et": {"Kirjeldus"},
		"description_en": {"Description"}, "status": {"in_progress"}, "completion": {"30"}, "weight": {"2,5"},
		"start": {"2026-01-01"}, "end": {"2026-12-31"}, "lead_org_id": {itoa(partner)},
		"partner_org_ids": {"", itoa(partner)}, "contact_ids": {"", itoa(contact.ID)}, "related_ids": {"", itoa(f.act2)},
		"planned_budget": {"12 500,50"}, "actual_budget": {"100"}, "funding_source": {"Riigieelarve"},
		"internal_note": {"Märkus"}, "version": {itoa(int64(stored.Version))}}
	bad := cloneValues(full)
	bad.Set("planned_budget", "palju")
	st, body := postForm(t, f.coord, actURL+"/edit", bad)
	expect(t, "a mistyped budget", st, body, http.StatusUnprocessableEntity, `id="e-planned_budget"`, `value="palju"`, `value="Uus pealkiri"`)
	if n := f.node(t, f.act1); n.Version != stored.Version {
		t.Errorf("an invalid save changed the activity: %+v", n)
	}

	st, body = postForm(t, f.coord, actURL+"/edit", full)
	expect(t, "the full form", st, body, http.StatusSeeOther)
	n := f.node(t, f.act1)
	if n.Code != "1.1a" || n.TitleEn != "New title" || n.DescriptionEt != "Kirjeldus" || n.Weight != 2.5 || n.FundingSource != "Riigieelarve" ||
		n.PlannedBudget == nil || *n.PlannedBudget != 1250050 || n.ActualBudget == nil || *n.ActualBudget != 10000 ||
		len(n.PartnerOrgIDs) != 1 || n.PartnerOrgIDs[0] != partner || len(n.ContactIDs) != 1 || n.ContactIDs[0] != contact.ID ||
		len(n.RelatedIDs) != 1 || n.RelatedIDs[0] != f.act2 {
		t.Errorf("saved activity %+v", n)
	}
	if _, page := get(t, f.coord, actURL); !strings.Contains(page, `value="12500,50"`) || !strings.Contains(page, "12\u00a0500,50 €") {
		t.Error("the activity page does not show the budget with a decimal comma")
	}

	// Unticking every box clears the lists: the hidden empty value says the list was sent.
	cleared := cloneValues(full)
	cleared.Set("partner_org_ids", "")
	cleared.Set("version", itoa(int64(n.Version)))
	cleared.Set("title_et", "Tühjendatud")
	stale := cloneValues(cleared)
	expect(t, "untick partners", postFormStatus(t, f.coord, actURL+"/edit", cleared), "", http.StatusSeeOther)
	if n := f.node(t, f.act1); len(n.PartnerOrgIDs) != 0 || n.TitleEt != "Tühjendatud" {
		t.Errorf("partners not cleared: %+v", n)
	}
	stale.Set("title_et", "Hilinenud")
	st, body = postForm(t, f.coord, actURL+"/edit", stale)
	expect(t, "a stale save", st, body, http.StatusConflict, `value="Hilinenud"`, "error-summary")
	if n := f.node(t, f.act1); n.TitleEt != "Tühjendatud" {
		t.Errorf("a stale save changed the activity: %+v", n)
	}

	// A municipality's own activity may contribute to a national one.
	tartu := a.user(t, "it@tartu.test", auth.RoleEditor, "0793")
	own, national := municipalActivity(t, f)
	ownURL := a.URL + "/plan/activities/" + itoa(own.ID)
	editor := a.as(t, tartu)
	if _, page := get(t, editor, ownURL); !strings.Contains(page, `<option value="`+itoa(national)+`"`) {
		t.Fatal("a municipality's activity does not offer the national activities")
	}
	st, body = postForm(t, editor, ownURL+"/edit", url.Values{"status": {"not_started"}, "contributes_to": {itoa(national)}, "version": {itoa(int64(own.Version))}})
	expect(t, "contributes to", st, body, http.StatusSeeOther)
	if n := f.node(t, own.ID); n.ContributesTo == nil || *n.ContributesTo != national {
		t.Errorf("contributes_to not saved: %+v", n)
	}
}

// municipalActivity makes Tartu's own strategy with one activity, and returns it with a
// national activity it may contribute to.
func municipalActivity(t *testing.T, f planEditFixture) (plan.Node, int64) {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{Name: "test"})
	orgs, err := f.a.store.ListOrganisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var owner int64
	for _, o := range orgs {
		if o.MunicipalityEHAK == "0793" {
			owner = o.ID
		}
	}
	s, err := f.a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Tartu kava", StartYear: 2026, EndYear: 2030, Status: plan.Draft, OwnerID: &owner}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	own, err := f.a.store.CreateNode(ctx, plan.Node{StrategyID: s.ID, Kind: plan.Activity, Code: "1", TitleEt: "Oma tegevus"})
	if err != nil {
		t.Fatal(err)
	}
	return own, f.act2
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func postFormStatus(t *testing.T, c *http.Client, u string, v url.Values) int {
	t.Helper()
	st, _ := postForm(t, c, u, v)
	return st
}
