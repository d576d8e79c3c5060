package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/need"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The coordinators' scoring weights over the API's PUT and the priorities page's form,
// on both engines: a save is stored, audited and reorders the ranking; bad weights are
// answered 422 naming the field, and change nothing.
func TestPriorityWeights(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { testPriorityWeights(t, engine) })
	}
}

func testPriorityWeights(t *testing.T, engine string) {
	a := startApp(t, engine)
	ctx := context.Background()
	kati := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	coord := a.as(t, kati)
	// "Lai ühisvajadus" is asked for by three municipalities, "Strateegiline" fits the
	// strategy best.
	var wide []int64
	for _, ehak := range []string{"0793", "0171", "0899"} {
		wide = append(wide, submittedNeed(t, a, ehak, "Arhiiv "+ehak, need.CatRecords, 100000).ID)
	}
	if _, err := a.store.CreateConsolidated(ctx, need.Consolidated{Title: "Lai ühisvajadus", Category: need.CatRecords, StrategyFit: 1}, wide); err != nil {
		t.Fatal(err)
	}
	fit := submittedNeed(t, a, "0567", "Strateegiline", need.CatRecords, 100000)
	if _, err := a.store.CreateConsolidated(ctx, need.Consolidated{Title: "Strateegiline koondvajadus", Category: need.CatRecords, StrategyFit: 5}, []int64{fit.ID}); err != nil {
		t.Fatal(err)
	}
	weights := func() need.Weights {
		t.Helper()
		w, err := a.store.Weights(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	audited := func() []audit.Event {
		t.Helper()
		evs, _, err := a.store.ListEvents(ctx, audit.Filter{Entity: "need_weights"})
		if err != nil {
			t.Fatal(err)
		}
		return evs
	}
	// first is the title of the best ranked consolidated need in body.
	first := func(body string) string {
		w, s := strings.Index(body, "Lai ühisvajadus"), strings.Index(body, "Strateegiline koondvajadus")
		switch {
		case w < 0 || s < 0:
			return "missing"
		case w < s:
			return "Lai ühisvajadus"
		}
		return "Strateegiline koondvajadus"
	}
	put := func(body string) (int, string) {
		return send(t, coord, "PUT", a.URL+"/api/v1/priority-weights", "application/json", body)
	}
	v := strconv.Itoa(weights().Version)

	// The API: bad weights name the field and change nothing.
	before := weights()
	for body, field := range map[string]string{
		`{"municipalities":1,"population":-1,"version":` + v + `}`:        `"population"`,
		`{"municipalities":1,"cost_efficiency":1000,"version":` + v + `}`: `"cost_efficiency"`,
		`{"version":` + v + `}`: `"municipalities"`,
	} {
		if status, resp := put(body); status != http.StatusUnprocessableEntity || !strings.Contains(resp, field) {
			t.Errorf("PUT %s: %d %s, want 422 naming %s", body, status, resp, field)
		}
	}
	if weights() != before || len(audited()) != 0 {
		t.Fatal("refused weights were saved")
	}
	// Only the number of municipalities counts: the wider need comes first.
	status, resp := put(`{"municipalities":10,"population":0,"strategy_fit":0,"urgency":0,"cost_efficiency":0,"version":` + v + `}`)
	if status != http.StatusOK || !strings.Contains(resp, `"municipalities":10`) {
		t.Fatalf("PUT weights: %d %s", status, resp)
	}
	if w := weights(); w.Municipalities != 10 || w.StrategyFit != 0 || w.Version != before.Version+1 {
		t.Errorf("saved weights %+v", w)
	}
	if _, body := get(t, coord, a.URL+"/api/v1/priorities"); first(body) != "Lai ühisvajadus" {
		t.Errorf("API ranking after weighing municipalities: %s first", first(body))
	}
	if evs := audited(); len(evs) != 1 || evs[0].ActorName != kati.Name || !strings.Contains(string(evs[0].After), `"municipalities":10`) {
		t.Errorf("the API's save is not audited: %+v", evs)
	}

	// The page's form: a number that is not one, and a weight out of range, are named.
	v = strconv.Itoa(weights().Version)
	form := func(municipalities, fit string, version string) url.Values {
		return url.Values{"municipalities": {municipalities}, "population": {"0"}, "strategy_fit": {fit}, "urgency": {"0"},
			"cost_efficiency": {"0"}, "version": {version}}
	}
	before = weights()
	for _, c := range []struct {
		form  url.Values
		field string
	}{{form("palju", "1", v), "municipalities"}, {form("0", "-2", v), "strategy_fit"}} {
		status, body := postForm(t, coord, a.URL+"/priorities/weights", c.form)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-`+c.field+`"`) {
			t.Errorf("form %v: %d, want 422 naming %s", c.form, status, c.field)
		}
	}
	if weights() != before || len(audited()) != 1 {
		t.Fatal("the form saved refused weights")
	}
	// Only the strategy fit counts: the fitting need comes first, on the page too.
	if status, loc := postTo(t, coord, a.URL+"/priorities/weights", form("0", "7,5", v)); status != http.StatusSeeOther || !strings.HasPrefix(loc, "/priorities") {
		t.Fatalf("form save: %d %s", status, loc)
	}
	if w := weights(); w.StrategyFit != 7.5 || w.Municipalities != 0 {
		t.Errorf("saved weights %+v", w)
	}
	_, body := get(t, coord, a.URL+"/priorities")
	if first(body) != "Strateegiline koondvajadus" || !strings.Contains(body, `value="7,5"`) {
		t.Errorf("page after weighing the strategy fit: %s first\n%.3000s", first(body), body)
	}
	if evs := audited(); len(evs) != 2 || !strings.Contains(string(evs[0].After), `"strategy_fit":7.5`) {
		t.Errorf("the form's save is not audited: %+v", evs)
	}
	// A stale form is refused, keeps nothing of it, and offers the current version.
	status, body = postForm(t, coord, a.URL+"/priorities/weights", form("3", "0", v))
	if status != http.StatusConflict || !strings.Contains(body, `name="version" value="`+strconv.Itoa(weights().Version)+`"`) {
		t.Errorf("stale form: %d", status)
	}
	if w := weights(); w.StrategyFit != 7.5 || len(audited()) != 2 {
		t.Errorf("a stale form changed the weights: %+v", w)
	}
}
