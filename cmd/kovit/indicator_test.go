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

// Indicators end to end on each engine: a coordinator adds one from the tree page and
// records values with Estonian decimals and dates; everyone sees the chart and its table;
// bad input comes back with the field named and nothing saved; a stale save is refused;
// a draft's indicator stays hidden from the public.

func TestIndicatorPages(t *testing.T) {
	onEngines(t, testIndicatorPages)
}

func testIndicatorPages(t *testing.T, engine string) {
	a := startApp(t, engine)
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Test", Role: auth.RoleCoordinator, Active: true})
	coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
	public := a.client(t)
	seeds, _, err := a.store.ListStrategies(ctx, plan.StrategyFilter{})
	if err != nil || len(seeds) == 0 {
		t.Fatalf("seeds %v %v", seeds, err)
	}
	seed := reopenStrategy(t, a, seeds[0].ID)
	tree, err := a.store.StrategyTree(ctx, seed.ID)
	if err != nil || len(tree.Nodes) == 0 {
		t.Fatalf("seed tree %v", err)
	}
	goal := tree.Nodes[0]
	activity, err := a.store.CreateNode(ctx, plan.Node{StrategyID: seed.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "9.9", TitleEt: "Tegevus"})
	if err != nil {
		t.Fatal(err)
	}
	indicators := func(strategyID int64) []plan.Indicator {
		t.Helper()
		tr, err := a.store.StrategyTree(ctx, strategyID)
		if err != nil {
			t.Fatal(err)
		}
		return tr.Indicators
	}
	values := func(id int64) int {
		t.Helper()
		ms, err := a.store.Measurements(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		return len(ms)
	}
	treeURL := a.URL + "/plan/" + itoa(seed.ID)

	// Bad input: the form comes back naming each field, with what was typed; nothing saved.
	bad := url.Values{"node_id": {itoa(goal.ID)}, "name_et": {""}, "better": {"higher"}, "target_value_1": {"abc"}, "target_date_1": {"2026-12-31"},
		"baseline_value": {"40"}, "baseline_date": {""}}
	st, page := postForm(t, coord, a.URL+"/plan/strategies/"+itoa(seed.ID)+"/indicators", bad)
	if st != http.StatusUnprocessableEntity {
		t.Fatalf("bad indicator: %d %.300s", st, page)
	}
	for _, want := range []string{`id="e-target_value_1"`, `id="e-baseline_date"`, `id="e-name_et"`, `value="abc"`, "Sisestage arv."} {
		if !strings.Contains(page, want) {
			t.Errorf("bad indicator form lacks %s", want)
		}
	}
	if n := len(indicators(seed.ID)); n != 0 {
		t.Errorf("a refused form saved %d indicators", n)
	}

	// A coordinator adds an indicator to a goal, with a decimal comma and an Estonian date.
	form := url.Values{"node_id": {itoa(goal.ID)}, "name_et": {"Andmekaitsespetsialistiga omavalitsused"}, "name_en": {"With a DPO"},
		"unit": {"%"}, "better": {"higher"}, "breakdown": {""}, "baseline_value": {"40,5"}, "baseline_date": {"01.01.2025"},
		"target_value_1": {"60"}, "target_date_1": {"31.12.2026"}, "target_value_2": {""}, "target_date_2": {""}}
	if st, page := postForm(t, coord, a.URL+"/plan/strategies/"+itoa(seed.ID)+"/indicators", form); st != http.StatusSeeOther {
		t.Fatalf("create indicator: %d %.500s", st, page)
	}
	created := indicators(seed.ID)
	if len(created) != 1 || created[0].Baseline == nil || created[0].Baseline.Value != 40.5 || len(created[0].Targets) != 1 || created[0].NodeID == nil || *created[0].NodeID != goal.ID {
		t.Fatalf("created %+v", created)
	}
	ind := created[0]
	indURL := a.URL + "/plan/indicators/" + itoa(ind.ID)

	// Values: a bad one is refused whole, good ones are saved.
	st, page = postForm(t, coord, indURL+"/values", url.Values{"value": {"x"}, "date": {"31.02.2026"}, "source": {"Küsitlus"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(page, `id="e-value"`) || !strings.Contains(page, `id="e-date"`) || !strings.Contains(page, `value="31.02.2026"`) {
		t.Errorf("bad value: %d %.300s", st, page)
	}
	if values(ind.ID) != 0 {
		t.Error("a refused value was saved")
	}
	for _, v := range []url.Values{{"value": {"42,5"}, "date": {"30.06.2026"}, "source": {"Küsitlus 2026"}}, {"value": {"45"}, "date": {"2026-09-30"}}} {
		if st, page := postForm(t, coord, indURL+"/values", v); st != http.StatusSeeOther {
			t.Fatalf("value %v: %d %.300s", v, st, page)
		}
	}

	// Everyone sees the chart with its title and description, and the table beside it.
	st, page = get(t, public, indURL)
	if st != http.StatusOK {
		t.Fatalf("indicator page: %d", st)
	}
	for _, want := range []string{"<svg", "<title", "<desc", "Riigi näitaja, lähtetase ja sihid kuupäeva järgi", "42,5", "40,5", "30.06.2026",
		"31.12.2026", "Küsitlus 2026", "suurem on parem", `href="/plan/` + itoa(seed.ID) + `?direction=` + itoa(goal.ID) + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("indicator page lacks %q", want)
		}
	}
	if strings.Contains(page, `action="/plan/indicators/`+itoa(ind.ID)+`/edit"`) {
		t.Error("the public is offered the edit form")
	}
	for name, u := range map[string]string{"tree": treeURL, "activity": a.URL + "/plan/activities/" + itoa(activity.ID)} {
		if _, page := get(t, public, u); !strings.Contains(page, `href="/plan/indicators/`+itoa(ind.ID)+`"`) || !strings.Contains(page, "30.09.2026") {
			t.Errorf("%s page does not list the indicator with its latest value", name)
		}
	}

	// Editing on a stale version is refused, keeping what was typed.
	edit := url.Values{"node_id": {"0"}, "name_et": {"Uus nimi"}, "better": {"lower"}, "version": {"1"}}
	if st, page := postForm(t, coord, indURL+"/edit", edit); st != http.StatusSeeOther {
		t.Fatalf("edit: %d %.300s", st, page)
	}
	edit.Set("name_et", "Hilinenud nimi")
	st, page = postForm(t, coord, indURL+"/edit", edit)
	if st != http.StatusConflict || !strings.Contains(page, "Keegi teine salvestas") || !strings.Contains(page, `value="Hilinenud nimi"`) || !strings.Contains(page, `name="version" value="2"`) {
		t.Errorf("stale edit: %d %.300s", st, page)
	}
	if got, _ := a.store.Indicator(ctx, ind.ID); got.NameEt != "Uus nimi" || got.NodeID != nil || got.Better != plan.LowerIsBetter {
		t.Errorf("after the stale edit %+v", got)
	}

	// Deleting a value: a stale version is refused, the current one removes it.
	ms, _ := a.store.Measurements(ctx, ind.ID)
	if st, _ := postForm(t, coord, a.URL+"/plan/values/"+itoa(ms[0].ID)+"/delete", url.Values{"version": {"9"}}); st != http.StatusConflict || values(ind.ID) != 2 {
		t.Errorf("stale value delete: %d, %d values", st, values(ind.ID))
	}
	if st, _ := postForm(t, coord, a.URL+"/plan/values/"+itoa(ms[0].ID)+"/delete", url.Values{"version": {"1"}}); st != http.StatusSeeOther || values(ind.ID) != 1 {
		t.Errorf("value delete: %d, %d values", st, values(ind.ID))
	}

	// Broken down by municipality: each municipality's value and the national share.
	shareForm := url.Values{"node_id": {"0"}, "name_et": {"Osakaal"}, "better": {"higher"}, "breakdown": {"share"}}
	if st, page := postForm(t, coord, a.URL+"/plan/strategies/"+itoa(seed.ID)+"/indicators", shareForm); st != http.StatusSeeOther {
		t.Fatalf("share indicator: %d %.300s", st, page)
	}
	var share plan.Indicator
	for _, i := range indicators(seed.ID) {
		if i.NameEt == "Osakaal" {
			share = i
		}
	}
	shareURL := a.URL + "/plan/indicators/" + itoa(share.ID)
	if st, page := postForm(t, coord, shareURL+"/values", url.Values{"value": {"1"}, "date": {"2026-06-30"}}); st != http.StatusUnprocessableEntity || !strings.Contains(page, `id="e-municipality_ehak"`) {
		t.Errorf("share value without a municipality: %d", st)
	}
	if st, page := postForm(t, coord, shareURL+"/values", url.Values{"value": {"1"}, "date": {"2026-06-30"}, "municipality_ehak": {"0793"}}); st != http.StatusSeeOther {
		t.Fatalf("share value: %d %.300s", st, page)
	}
	if _, page := get(t, public, shareURL); !strings.Contains(page, "Tartu linn") || !strings.Contains(page, "1,27") {
		t.Errorf("share page lacks Tartu's value or the national 1/79:\n%.3000s", page)
	}

	// A draft's indicator is hidden from the public; a matrix one takes no values by hand.
	draft, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Mustand", StartYear: 2026, EndYear: 2030, Status: plan.Draft})
	if err != nil {
		t.Fatal(err)
	}
	matrix, err := a.store.CreateIndicator(ctx, plan.Indicator{StrategyID: draft.ID, NameEt: "E-teenused", Better: plan.HigherIsBetter,
		FromMatrix: &plan.MatrixSource{ServiceCode: "SOC-001", Level: 3}})
	if err != nil {
		t.Fatal(err)
	}
	matrixURL := a.URL + "/plan/indicators/" + itoa(matrix.ID)
	if st, _ := get(t, public, matrixURL); st != http.StatusNotFound {
		t.Errorf("public opens a draft's indicator: %d", st)
	}
	if st, page := get(t, coord, matrixURL); st != http.StatusOK || !strings.Contains(page, "käsitsi ei lisata") || strings.Contains(page, `action="/plan/indicators/`+itoa(matrix.ID)+`/values"`) {
		t.Errorf("matrix indicator page: %d", st)
	}
	if st, _ := postForm(t, coord, matrixURL+"/values", url.Values{"value": {"1"}, "date": {"2026-06-30"}}); st != http.StatusUnprocessableEntity || values(matrix.ID) != 0 {
		t.Errorf("hand-entered matrix value: %d", st)
	}

	// Deleting the indicator takes its values along.
	ind, _ = a.store.Indicator(ctx, ind.ID)
	if st, _ := postForm(t, coord, indURL+"/delete", url.Values{"version": {"1"}}); st != http.StatusConflict {
		t.Errorf("stale indicator delete: %d", st)
	}
	if st, _ := postForm(t, coord, indURL+"/delete", url.Values{"version": {itoa(int64(ind.Version))}}); st != http.StatusSeeOther {
		t.Errorf("indicator delete: %d", st)
	}
	if st, _ := get(t, public, indURL); st != http.StatusNotFound {
		t.Errorf("deleted indicator: %d", st)
	}
}
