package main

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/plan"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The needs pages' later additions over HTTP, on both engines: editing, closing and
// reopening a round; adding needs to a consolidated need; a project's activity from a
// list; the needs list's sorting; and a duplicate's trace.

// submittedNeed stores a need of ehak and submits it, as its municipality would.
func submittedNeed(t *testing.T, a *testApp, ehak, title string, cat need.Category, cost kovit.Money) need.Need {
	t.Helper()
	ctx := context.Background()
	n, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: ehak, Title: title, Category: cat, Cost: &cost, Urgency: need.UrgencyMedium})
	if err != nil {
		t.Fatal(err)
	}
	if n, err = a.store.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version}); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestNeedGaps(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			needFixture(t, a)
			coord := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
			t.Run("round", func(t *testing.T) { testRoundEdit(t, a, coord) })
			t.Run("link", func(t *testing.T) { testConsolidatedLink(t, a, coord) })
			t.Run("activity", func(t *testing.T) { testProjectActivity(t, a, coord) })
			t.Run("sort", func(t *testing.T) { testNeedListSort(t, a, coord) })
			t.Run("trace", func(t *testing.T) { testDuplicateTrace(t, a, coord) })
		})
	}
}

func testRoundEdit(t *testing.T, a *testApp, coord *http.Client) {
	ctx := context.Background()
	// The dashboard offers coordinators the edit form and the close button.
	if _, body := get(t, coord, a.URL+"/rounds/1"); !strings.Contains(body, `action="/rounds/1/edit"`) || !strings.Contains(body, `id="f-deadline"`) {
		t.Fatalf("round page has no edit form:\n%.2000s", body)
	}
	// Bad input names the field and keeps what was typed; nothing is saved.
	status, body := postForm(t, coord, a.URL+"/rounds/1/edit", url.Values{"title": {"Uus nimi"}, "deadline": {"homme"}, "open": {"true"}, "version": {"1"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-deadline"`) || !strings.Contains(body, `value="Uus nimi"`) {
		t.Fatalf("bad deadline: %d\n%.2000s", status, body)
	}
	// A good edit saves; closing keeps the texts and shuts the round to new needs.
	if status, _ := postTo(t, coord, a.URL+"/rounds/1/edit", url.Values{"title": {"IKT vajadused 2028"}, "deadline": {"2027-06-30"},
		"instructions": {"Lisage maksumus"}, "open": {"true"}, "version": {"1"}}); status != http.StatusSeeOther {
		t.Fatalf("edit round: %d", status)
	}
	_, body = get(t, coord, a.URL+"/rounds/1")
	if !strings.Contains(body, "IKT vajadused 2028") || !strings.Contains(body, "2027-06-30") || !strings.Contains(body, "Lisage maksumus") {
		t.Fatalf("edited round not shown:\n%.2000s", body)
	}
	if status, _ := postTo(t, coord, a.URL+"/rounds/1/edit", url.Values{"title": {"IKT vajadused 2028"}, "deadline": {"2027-06-30"},
		"instructions": {"Lisage maksumus"}, "open": {"false"}, "version": {"2"}}); status != http.StatusSeeOther {
		t.Fatalf("close round: %d", status)
	}
	r, err := a.store.Round(ctx, 1)
	if err != nil || r.Open || r.Title != "IKT vajadused 2028" || r.Instructions != "Lisage maksumus" || r.Version != 3 {
		t.Fatalf("closed round: %+v %v", r, err)
	}
	round := int64(1)
	if _, err := a.store.CreateNeed(ctx, need.Need{MunicipalityEHAK: "0784", RoundID: &round, Title: "Hiline", Category: need.CatOther}); kovit.ErrorCode(err) != kovit.EInvalid {
		t.Errorf("a closed round took a need: %v", err)
	}
	// A stale save is refused and keeps what was typed.
	status, body = postForm(t, coord, a.URL+"/rounds/1/edit", url.Values{"title": {"Vananenud"}, "deadline": {"2027-06-30"}, "version": {"2"}})
	if status != http.StatusConflict || !strings.Contains(body, `value="Vananenud"`) || !strings.Contains(body, `name="version" value="3"`) {
		t.Fatalf("stale round edit: %d\n%.2000s", status, body)
	}
	// Reopening.
	if _, body := get(t, coord, a.URL+"/rounds/1"); !strings.Contains(body, `name="open" value="true"`) {
		t.Error("a closed round offers no reopening")
	}
	if status, _ := postTo(t, coord, a.URL+"/rounds/1/edit", url.Values{"title": {"IKT vajadused 2028"}, "deadline": {"2027-06-30"},
		"open": {"true"}, "version": {"3"}}); status != http.StatusSeeOther {
		t.Fatalf("reopen round: %d", status)
	}
	if r, _ := a.store.Round(ctx, 1); !r.Open {
		t.Error("round not reopened")
	}
	// Others see no form.
	viewer := a.as(t, a.user(t, "lugeja@kovit.test", auth.RoleReader, ""))
	if _, body := get(t, viewer, a.URL+"/rounds/1"); strings.Contains(body, `/rounds/1/edit`) {
		t.Error("a reader is offered the round's edit form")
	}
}

func testConsolidatedLink(t *testing.T, a *testApp, coord *http.Client) {
	ctx := context.Background()
	same := submittedNeed(t, a, "0793", "Arhiivi digiteerimine", need.CatRecords, 100000)
	other := submittedNeed(t, a, "0171", "Veebilehe uuendus", need.CatEService, 50000)
	page := a.URL + "/consolidated/1"
	// Candidates of the consolidated need's category are listed first; the rest on asking.
	_, body := get(t, coord, page)
	if !strings.Contains(body, `value="`+itoa(same.ID)+`"`) || strings.Contains(body, `id="n-`+itoa(other.ID)+`"`) {
		t.Fatalf("candidates of the same category:\n%.3000s", body)
	}
	if _, body := get(t, coord, page+"?all=1"); !strings.Contains(body, `id="n-`+itoa(other.ID)+`"`) {
		t.Error("every category does not list the web need")
	}
	if _, body := get(t, coord, page+"?q=veebileht&all=1"); !strings.Contains(body, `id="n-`+itoa(other.ID)+`"`) || strings.Contains(body, `id="n-`+itoa(same.ID)+`"`) {
		t.Error("the search does not narrow the candidates")
	}
	// Nothing chosen is named on the field; a draft (need 1) cannot be added.
	if status, body := postForm(t, coord, page+"/needs", url.Values{}); status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-need_id"`) {
		t.Errorf("nothing chosen: %d", status)
	}
	if status, body := postForm(t, coord, page+"/needs", url.Values{"need_id": {"1"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-need_id"`) {
		t.Errorf("a draft added: %d\n%.2000s", status, body)
	}
	if n, _ := a.store.Need(ctx, 1); n.ConsolidatedID != nil {
		t.Error("a refused draft was linked")
	}
	// Both chosen needs are accepted into it.
	if status, _ := postTo(t, coord, page+"/needs", url.Values{"need_id": {itoa(same.ID), itoa(other.ID)}}); status != http.StatusSeeOther {
		t.Fatalf("add needs: %d", status)
	}
	for _, id := range []int64{same.ID, other.ID} {
		if n, _ := a.store.Need(ctx, id); n.ConsolidatedID == nil || *n.ConsolidatedID != 1 || n.State != need.Accepted {
			t.Errorf("need %d not accepted into 1: %+v", id, n)
		}
	}
	if _, body := get(t, coord, page); !strings.Contains(body, `<a href="/needs/`+strconv.FormatInt(same.ID, 10)+`">`) {
		t.Error("an added need is not listed on the consolidated need")
	}
}

func testProjectActivity(t *testing.T, a *testApp, coord *http.Client) {
	ctx := context.Background()
	reopenStrategy(t, a, 1)
	goal, err := a.store.CreateNode(ctx, plan.Node{StrategyID: 1, Kind: plan.Goal, Code: "9", TitleEt: "Ühised süsteemid"})
	if err != nil {
		t.Fatal(err)
	}
	act, err := a.store.CreateNode(ctx, plan.Node{StrategyID: 1, ParentID: &goal.ID, Kind: plan.Activity, Code: "9.1", TitleEt: "Ühine DHS & arhiiv"})
	if err != nil {
		t.Fatal(err)
	}
	tree, err := a.store.StrategyTree(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	label := act.Code + " " + act.TitleEt
	page := a.URL + "/consolidated/1"
	// The activity is chosen from the plan's list, grouped by strategy, with "none" first.
	_, body := get(t, coord, page)
	if !strings.Contains(body, `<select id="f-activity_id" name="activity_id"><option value="">`) ||
		!strings.Contains(body, `<optgroup label="`+html.EscapeString(tree.Strategy.TitleEt)+`">`) ||
		!strings.Contains(body, `<option value="`+itoa(act.ID)+`">`+html.EscapeString(label)+`</option>`) {
		t.Fatalf("no activity list on the consolidated need:\n%.4000s", body)
	}
	// An activity that does not exist is named on the field.
	if status, body := postForm(t, coord, page+"/projects", url.Values{"name": {"DHS hange"}, "activity_id": {"999999"}}); status != http.StatusUnprocessableEntity || !strings.Contains(body, `id="e-activity_id"`) {
		t.Errorf("unknown activity: %d\n%.2000s", status, body)
	}
	if status, _ := postTo(t, coord, page+"/projects", url.Values{"name": {"DHS hange"}, "activity_id": {itoa(act.ID)}, "status": {"planned"}}); status != http.StatusSeeOther {
		t.Fatalf("project with activity: %d", status)
	}
	ps, err := a.store.Projects(ctx, 1)
	if err != nil || len(ps) != 1 || ps[0].ActivityID == nil || *ps[0].ActivityID != act.ID {
		t.Fatalf("project: %+v %v", ps, err)
	}
	// The project's row shows the activity by code and title and keeps it chosen.
	_, body = get(t, coord, page)
	if !strings.Contains(body, `<a href="/plan/activities/`+itoa(act.ID)+`">`+html.EscapeString(label)+`</a>`) ||
		!strings.Contains(body, `<option value="`+itoa(act.ID)+`" selected>`) {
		t.Errorf("project row does not show its activity:\n%.4000s", body)
	}
	// "None" unlinks it.
	if status, _ := postTo(t, coord, page+"/projects/"+itoa(ps[0].ID), url.Values{"name": {"DHS hange"}, "activity_id": {""},
		"status": {"in_progress"}, "version": {strconv.Itoa(ps[0].Version)}}); status != http.StatusSeeOther {
		t.Fatalf("unlink activity: %d", status)
	}
	if p, _ := a.store.Project(ctx, ps[0].ID); p.ActivityID != nil || p.Status != need.ProjectInProgress {
		t.Errorf("project after unlinking: %+v", p)
	}
}

func testNeedListSort(t *testing.T, a *testApp, coord *http.Client) {
	// Paide < Põlva < Pärnu in Estonian (õ before ä).
	submittedNeed(t, a, "0624", "Pärnu vajadus", need.CatOther, 300)
	submittedNeed(t, a, "0567", "Paide vajadus", need.CatOther, 100)
	submittedNeed(t, a, "0622", "Põlva vajadus", need.CatOther, 200)
	order := func(body string, titles ...string) bool {
		last := -1
		for _, title := range titles {
			i := strings.Index(body, title)
			if i < last {
				return false
			}
			last = i
		}
		return last >= 0
	}
	_, body := get(t, coord, a.URL+"/needs?category=other&sort=municipality")
	if !order(body, "Paide vajadus", "Põlva vajadus", "Pärnu vajadus") || !strings.Contains(body, `aria-sort="ascending"><a href="/needs?category=other&amp;order=desc&amp;sort=municipality"`) {
		t.Errorf("needs by municipality:\n%.4000s", body)
	}
	// The filter form keeps the order; the other headers start ascending.
	if !strings.Contains(body, `<input type="hidden" name="sort" value="municipality">`) || !strings.Contains(body, `aria-sort="none"><a href="/needs?category=other&amp;sort=cost"`) {
		t.Error("the list's filters or headers lose the order")
	}
	if _, body := get(t, coord, a.URL+"/needs?category=other&sort=cost&order=desc&offset=1"); !order(body, "Põlva vajadus", "Paide vajadus") || strings.Contains(body, "Pärnu vajadus") {
		t.Error("the second page by cost, descending")
	}
	if status, _ := get(t, coord, a.URL+"/needs?sort=parool"); status != http.StatusUnprocessableEntity && status != http.StatusBadRequest {
		t.Errorf("unknown sort: %d", status)
	}
	// The API sorts alike.
	status, body := get(t, coord, a.URL+"/api/v1/needs?category=other&sort=municipality&order=desc")
	if status != http.StatusOK || !order(body, "Pärnu vajadus", "Põlva vajadus", "Paide vajadus") {
		t.Errorf("API by municipality, descending: %d %.1000s", status, body)
	}
	if status, body := get(t, coord, a.URL+"/api/v1/needs?sort=hack&order=up"); status != http.StatusUnprocessableEntity || !strings.Contains(body, `"sort"`) || !strings.Contains(body, `"order"`) {
		t.Errorf("API bad sort: %d %s", status, body)
	}
}

func testDuplicateTrace(t *testing.T, a *testApp, coord *http.Client) {
	ctx := context.Background()
	orig := submittedNeed(t, a, "0793", "Tartu e-arhiiv", need.CatRecords, 1000)
	if _, err := a.store.LinkNeeds(ctx, 1, []int64{orig.ID}); err != nil {
		t.Fatal(err)
	}
	dup := submittedNeed(t, a, "0784", "Tallinna e-arhiiv", need.CatRecords, 2000)
	if status, _ := postTo(t, coord, a.URL+"/needs/"+itoa(dup.ID)+"/transitions", url.Values{"to": {"duplicate"},
		"duplicate_of": {itoa(orig.ID)}, "version": {strconv.Itoa(dup.Version)}}); status != http.StatusSeeOther {
		t.Fatalf("mark duplicate: %d", status)
	}
	// Tallinn's editor follows its need through Tartu's to the consolidated need, without
	// reading Tartu's need.
	tallinn := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	_, body := get(t, tallinn, a.URL+"/needs/"+itoa(dup.ID))
	if !strings.Contains(body, "Kordab vajadust: teise omavalitsuse vajadus (Tartu linn") || !strings.Contains(body, `<a href="/consolidated/1">`) ||
		strings.Contains(body, "Tartu e-arhiiv") {
		t.Errorf("editor's trace of a duplicate:\n%.3000s", body)
	}
	if _, body := get(t, coord, a.URL+"/needs/"+itoa(dup.ID)); !strings.Contains(body, `<a href="/needs/`+itoa(orig.ID)+`">Tartu e-arhiiv</a>`) {
		t.Error("the coordinator's trace does not link the repeated need")
	}
	var tr need.Trace
	status, body := get(t, tallinn, a.URL+"/api/v1/needs/"+itoa(dup.ID)+"/trace")
	if err := json.Unmarshal([]byte(body), &tr); status != http.StatusOK || err != nil {
		t.Fatalf("API trace: %d %v", status, err)
	}
	if len(tr.Repeats) != 1 || tr.Repeats[0].ID != orig.ID || tr.Repeats[0].Title != "" || tr.Consolidated == nil || tr.Consolidated.ID != 1 {
		t.Errorf("API trace of a duplicate: %+v", tr)
	}
}
