package main

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/plan"
)

// The strategy form's level names and status list on each engine: they save; a removed
// status that an activity uses, a bad colour or key, a level without its Estonian name and
// an empty list come back with the field named and nothing saved; "add a row" saves
// nothing. The names and colours then show where the plan's pages use them.

func TestPlanStrategyLevelsAndStatuses(t *testing.T) {
	onEngines(t, testPlanStrategyLevelsAndStatuses)
}

// strategyForm is the strategy form as a browser sends it for s, unchanged: every field,
// each status a row, and the empty row for a new one.
func strategyForm(s plan.Strategy) url.Values {
	v := url.Values{"title_et": {s.TitleEt}, "title_en": {s.TitleEn}, "start_year": {strconv.Itoa(s.StartYear)},
		"end_year": {strconv.Itoa(s.EndYear)}, "description_et": {s.DescriptionEt}, "description_en": {s.DescriptionEn},
		"owner_id": {"0"}, "status": {string(s.Status)}, "stale_after_days": {strconv.Itoa(s.StaleAfterDays)},
		"version": {strconv.Itoa(s.Version)}, "statuses.count": {strconv.Itoa(len(s.Statuses) + 1)}}
	if s.OwnerID != nil {
		v.Set("owner_id", itoa(*s.OwnerID))
	}
	for name, l := range map[string]plan.LevelName{"goal": s.Levels.Goal, "direction": s.Levels.Direction,
		"activity": s.Levels.Activity, "task": s.Levels.Task} {
		v.Set("levels."+name+".et", l.Et)
		v.Set("levels."+name+".en", l.En)
	}
	for i, st := range s.Statuses {
		statusRow(v, i, st)
	}
	v.Set("statuses."+strconv.Itoa(len(s.Statuses))+".colour", "#999999") // the empty row
	return v
}

// statusRow sets row i of the status table to st.
func statusRow(v url.Values, i int, st plan.Status) {
	pre := "statuses." + strconv.Itoa(i) + "."
	v.Set(pre+"key", st.Key)
	v.Set(pre+"name_et", st.NameEt)
	v.Set(pre+"name_en", st.NameEn)
	v.Set(pre+"colour", st.Colour)
	if st.Done {
		v.Set(pre+"done", "on")
	}
	if st.Cancelled {
		v.Set(pre+"cancelled", "on")
	}
}

func testPlanStrategyLevelsAndStatuses(t *testing.T, engine string) {
	f := newPlanEditFixture(t, engine)
	a := f.a
	ctx := auth.WithUser(context.Background(), &auth.User{Name: "test"})
	editURL := a.URL + "/plan/strategies/" + itoa(f.strategy.ID) + "/edit"
	st, body := get(t, f.coord, editURL)
	expect(t, "the form", st, body, http.StatusOK, `name="levels.task.et" type="text" value="ülesanne"`,
		`name="levels.direction.en" type="text" value="action direction"`, `name="statuses.count" value="6"`,
		`id="f-statuses.3.done" name="statuses.3.done" type="checkbox" checked`, `name="statuses.2.colour" type="color" value="#e69f00"`,
		`name="add_status"`)

	// The first activity is in progress, so "in_progress" is in use.
	act := f.node(t, f.act1)
	act.Status = plan.InProgress
	if _, err := a.store.UpdateNode(ctx, act); err != nil {
		t.Fatal(err)
	}
	stored, err := a.store.Strategy(ctx, f.strategy.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		change func(url.Values)
		want   []string
	}{
		{"remove a status in use", func(v url.Values) { v.Set("statuses.1.remove", "on") },
			[]string{`<p class="field-error" id="e-statuses.1">Eemaldatud staatust kasutavad veel tegevused või osalejad`,
				`id="f-statuses.1.remove" name="statuses.1.remove" type="checkbox" checked`, `href="#f-statuses.1"`}},
		{"a colour not #rrggbb", func(v url.Values) { v.Set("statuses.2.colour", "oranž") },
			[]string{`<p class="field-error" id="e-statuses">Igal staatusel peab olema värv kujul #0072b2.`}},
		{"a key with capitals", func(v url.Values) { statusRow(v, 5, plan.Status{Key: "Ootel", NameEt: "ootel", Colour: "#cc79a7"}) },
			[]string{`id="e-statuses">Staatuse võti võib sisaldada`, `value="Ootel"`}},
		{"a level without its Estonian name", func(v url.Values) { v.Set("levels.goal.et", ""); v.Set("levels.goal.en", "aim") },
			[]string{`<p class="field-error" id="e-levels.goal">See väli on kohustuslik.`, `name="levels.goal.en" type="text" value="aim"`}},
		{"no status at all", func(v url.Values) { v.Set("statuses.count", "0") },
			[]string{`<p class="field-error" id="e-statuses">See väli on kohustuslik.`}},
		{"no done status", func(v url.Values) { v.Del("statuses.3.done") },
			[]string{`id="e-statuses">Vähemalt üks staatus peab tähendama tehtud.`}},
	} {
		v := strategyForm(stored)
		c.change(v)
		st, body := postForm(t, f.coord, editURL, v)
		expect(t, c.name, st, body, http.StatusUnprocessableEntity, append(c.want, "error-summary")...)
		if now, _ := a.store.Strategy(ctx, f.strategy.ID); now.Version != stored.Version {
			t.Errorf("%s: saved %+v", c.name, now)
		}
	}

	// "Add a row" keeps what was typed, shows two empty rows and saves nothing.
	v := strategyForm(stored)
	statusRow(v, 5, plan.Status{Key: "on_hold", NameEt: "ootel", Colour: "#cc79a7"})
	v.Set("statuses.count", "6")
	v.Set("add_status", "1")
	st, body = postForm(t, f.coord, editURL, v)
	expect(t, "add a row", st, body, http.StatusOK, `name="statuses.count" value="8"`, `name="statuses.5.key" type="text" value="on_hold"`,
		`name="statuses.7.key" type="text" value=""`)
	if now, _ := a.store.Strategy(ctx, f.strategy.ID); now.Version != stored.Version {
		t.Errorf("adding a row saved %+v", now)
	}

	// Rename two levels, drop "delayed", which nothing uses, and add "on_hold".
	v = strategyForm(stored)
	v.Set("levels.activity.et", "meede")
	v.Set("levels.activity.en", "measure")
	v.Set("levels.task.et", "samm")
	v.Set("levels.task.en", "step")
	v.Set("statuses.2.remove", "on")
	statusRow(v, 5, plan.Status{Key: "on_hold", NameEt: "ootel", NameEn: "on hold", Colour: "#cc79a7"})
	st, body = postForm(t, f.coord, editURL, v)
	expect(t, "the save", st, body, http.StatusSeeOther)
	saved, err := a.store.Strategy(ctx, f.strategy.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantLevels := plan.DefaultLevels()
	wantLevels.Activity, wantLevels.Task = plan.LevelName{Et: "meede", En: "measure"}, plan.LevelName{Et: "samm", En: "step"}
	d := plan.DefaultStatuses()
	wantStatuses := plan.Statuses{d[0], d[1], d[3], d[4], {Key: "on_hold", NameEt: "ootel", NameEn: "on hold", Colour: "#cc79a7"}}
	if diff := cmp.Diff(wantLevels, saved.Levels); diff != "" {
		t.Errorf("levels (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantStatuses, saved.Statuses); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}

	// The names and colours where the pages show them. Tartu takes part "on hold".
	if _, err := a.store.AddParticipant(ctx, plan.Participant{ActivityID: f.act1, MunicipalityEHAK: "0793", Status: "on_hold"}); err != nil {
		t.Fatal(err)
	}
	swatch := func(colour, name string) string {
		return `<rect x="0.5" y="0.5" width="11" height="11" fill="` + colour + `" stroke="#333"/></svg> ` + name
	}
	_, page := get(t, f.coord, a.URL+"/plan/"+itoa(f.strategy.ID))
	mustContain(t, "the tree page", page, `<li class="status-on_hold"><svg class="status-swatch"`, swatch("#cc79a7", "ootel: <strong>0</strong>"),
		swatch("#0072b2", "töös: <strong>1</strong>"), `<td>meede</td><td><svg class="status-swatch"`, swatch("#0072b2", "töös · 0 / 1 omavalitsusest tehtud</td>"))
	_, page = get(t, f.coord, a.URL+"/plan/activities/"+itoa(f.act1))
	mustContain(t, "the activity page", page, `<h2 id="tasks-h">Samm</h2>`, `<h3 id="add-task-h">Lisa uus samm</h3>`,
		"<dd>"+`<svg class="status-swatch"`, swatch("#0072b2", "töös</dd>"), swatch("#cc79a7", "ootel</td>"))
	_, page = get(t, f.coord, a.URL+"/municipalities/0793")
	mustContain(t, "the municipality page", page, swatch("#cc79a7", "ootel</td>"))
}
