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

// The tree page's filters on each engine: each of direction, status, lead organisation and
// municipality, and all of them together, show the activities they pick and hide the
// rest; a bad value is a 422 naming the filter, never a server error.

func TestPlanTreeFilters(t *testing.T) {
	onEngines(t, testPlanTreeFilters)
}

func testPlanTreeFilters(t *testing.T, engine string) {
	f := newPlanEditFixture(t, engine)
	a := f.a
	ctx := auth.WithUser(context.Background(), &auth.User{Name: "test"})
	orgs, err := a.store.ListOrganisations(ctx)
	if err != nil || len(orgs) < 2 {
		t.Fatal(orgs, err)
	}
	lead, other := orgs[0].ID, orgs[1].ID
	act3, err := a.store.CreateNode(ctx, plan.Node{StrategyID: f.strategy.ID, ParentID: &f.dir2, Kind: plan.Activity, Code: "2.1",
		TitleEt: "Kolmas tegevus", Status: plan.InProgress, LeadOrgID: &lead})
	if err != nil {
		t.Fatal(err)
	}
	// 1.1: in progress, led by the first organisation, Tartu taking part;
	// 1.2: not started, led by another; 2.1: in progress, led by the first.
	for _, c := range []struct {
		id     int64
		status string
		lead   int64
	}{{f.act1, plan.InProgress, lead}, {f.act2, plan.NotStarted, other}} {
		n := f.node(t, c.id)
		n.Status, n.LeadOrgID = c.status, &c.lead
		if _, err := a.store.UpdateNode(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := a.store.AddParticipant(ctx, plan.Participant{ActivityID: f.act1, MunicipalityEHAK: "0793"}); err != nil {
		t.Fatal(err)
	}

	treeURL := a.URL + "/plan/" + itoa(f.strategy.ID)
	row := func(id int64) string { return `<a href="/plan/activities/` + itoa(id) + `">` }
	all := []int64{f.act1, f.act2, act3.ID}
	for _, c := range []struct {
		name   string
		query  url.Values
		shown  []int64
		branch []string // the goals and directions shown, by their row
	}{
		{"no filter", nil, all, []string{"Esimene suund", "Teine suund"}},
		{"direction", url.Values{"direction": {itoa(f.dir1)}}, []int64{f.act1, f.act2}, []string{"Esimene suund"}},
		{"status", url.Values{"status": {plan.InProgress}}, []int64{f.act1, act3.ID}, nil},
		{"lead", url.Values{"lead": {itoa(other)}}, []int64{f.act2}, nil},
		{"municipality", url.Values{"municipality": {"0793"}}, []int64{f.act1}, nil},
		{"all four", url.Values{"direction": {itoa(f.dir1)}, "status": {plan.InProgress}, "lead": {itoa(lead)}, "municipality": {"0793"}},
			[]int64{f.act1}, []string{"Esimene suund"}},
		{"all four, none picked", url.Values{"direction": {itoa(f.dir2)}, "status": {plan.InProgress}, "lead": {itoa(lead)}, "municipality": {"0793"}},
			nil, []string{"Teine suund"}},
	} {
		st, body := get(t, f.coord, treeURL+"?"+c.query.Encode())
		if st != http.StatusOK {
			t.Fatalf("%s: %d %.300s", c.name, st, body)
		}
		tbody := body[strings.Index(body, `<table class="data plan-tree">`)+1:]
		for _, id := range all {
			want := false
			for _, s := range c.shown {
				want = want || s == id
			}
			if got := strings.Contains(tbody, row(id)); got != want {
				t.Errorf("%s: activity %d shown %v, want %v", c.name, id, got, want)
			}
		}
		for _, b := range []string{"Esimene suund", "Teine suund"} {
			want := c.branch == nil
			for _, w := range c.branch {
				want = want || w == b
			}
			if got := strings.Contains(tbody, `class="depth-0">`+b+`</th>`) || strings.Contains(tbody, `class="depth-0">`+b+` <a`); got != want {
				t.Errorf("%s: %s shown %v, want %v", c.name, b, got, want)
			}
		}
		for name, v := range c.query {
			if !strings.Contains(body, `<option value="`+v[0]+`" selected>`) {
				t.Errorf("%s: the %s filter does not keep its choice", c.name, name)
			}
		}
	}

	for _, c := range []struct {
		query url.Values
		field string
	}{
		{url.Values{"direction": {"üks"}}, "direction"},
		{url.Values{"direction": {itoa(f.act1)}}, "direction"}, // an activity is no branch
		{url.Values{"direction": {"999999"}}, "direction"},
		{url.Values{"status": {"valmis"}}, "status"},
		{url.Values{"lead": {"juht"}}, "lead"},
		{url.Values{"lead": {"-3"}}, "lead"},
		{url.Values{"municipality": {"Tartu"}}, "municipality"},
	} {
		st, body := get(t, f.coord, treeURL+"?"+c.query.Encode())
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, "<li>"+c.field+": ") {
			t.Errorf("?%s: %d, want 422 naming %s\n%.300s", c.query.Encode(), st, c.field, body[strings.Index(body, "<main"):])
		}
	}
}
