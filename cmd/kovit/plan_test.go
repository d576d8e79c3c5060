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

// The action plan end to end on each engine: the public sees only adopted and archived
// strategies; a coordinator builds a joint activity; one municipality's editor reports its
// part and the roll-up follows; another municipality's editor is refused.

func TestPlanJourney(t *testing.T) {
	onEngines(t, testPlanJourney)
}

func testPlanJourney(t *testing.T, engine string) {
	a := startApp(t, engine)
	ctx := context.Background()
	coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
	tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
	tallinn := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	reader := a.as(t, a.user(t, "reader@kovit.test", auth.RoleReader, ""))
	public := a.client(t)

	// A coordinator makes a draft strategy.
	if st, body := postForm(t, coord, a.URL+"/plan", url.Values{"title_et": {"Tegevuskava 2026–2030"}, "start_year": {"2026"}, "end_year": {"2030"}}); st != http.StatusSeeOther {
		t.Fatalf("create strategy: %d %.300s", st, body)
	}
	all, _, err := a.store.ListStrategies(ctx, plan.StrategyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var draft plan.Strategy
	archived := 0
	for _, s := range all {
		switch s.Status {
		case plan.Draft:
			draft = s
		case plan.Archived:
			archived++
		}
	}
	if archived != 3 || draft.ID == 0 {
		t.Fatalf("strategies %+v: want the three archived seeds and the new draft", all)
	}
	link := func(id int64) string { return `href="/plan/` + itoa(id) + `"` }

	// The public sees the seeds and not the draft, which it cannot even open.
	_, page := get(t, public, a.URL+"/plan")
	for _, s := range all {
		if shown := strings.Contains(page, link(s.ID)); shown != s.Status.Public() {
			t.Errorf("public list shows strategy %d (%s): %v", s.ID, s.Status, shown)
		}
	}
	// The 2017–2021 strategy's goals are known only in English: shown so, and marked.
	for _, s := range all {
		if s.Code == "IKT2021" {
			_, page := get(t, public, a.URL+"/plan/"+itoa(s.ID))
			if !strings.Contains(page, `<span lang="en">The e-services that municipalities provide`) || !strings.Contains(page, "(inglise keeles)") {
				t.Errorf("IKT2021 goals not shown in English marked as such:\n%.2000s", page)
			}
		}
	}
	if st, _ := get(t, public, a.URL+"/plan/"+itoa(draft.ID)); st != http.StatusNotFound {
		t.Errorf("public opens the draft: %d, want 404", st)
	}
	if _, page := get(t, reader, a.URL+"/plan"); !strings.Contains(page, link(draft.ID)) {
		t.Error("a signed-in reader does not see the draft")
	}

	// A direction, with a joint activity of three municipalities under it.
	tree := func() plan.Tree {
		t.Helper()
		tr, err := a.store.StrategyTree(ctx, draft.ID)
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}
	base := a.URL + "/plan/" + itoa(draft.ID)
	if st, body := postForm(t, coord, base+"/nodes", url.Values{"kind": {"direction"}, "code": {"1"}, "title_et": {""}}); st != http.StatusUnprocessableEntity || !strings.Contains(body, "error-summary") {
		t.Errorf("node without a title: %d, want 422 with the problems", st)
	}
	if st, body := postForm(t, coord, base+"/nodes", url.Values{"kind": {"direction"}, "code": {"1"}, "title_et": {"Koostöö"}}); st != http.StatusSeeOther {
		t.Fatalf("add direction: %d %.300s", st, body)
	}
	dir := tree().Nodes[0]
	if st, body := postForm(t, coord, base+"/nodes", url.Values{"kind": {"activity"}, "parent_id": {itoa(dir.ID)}, "code": {"1.1"}, "title_et": {"Ühine teenus"}}); st != http.StatusSeeOther {
		t.Fatalf("add activity: %d %.300s", st, body)
	}
	act := tree().Nodes[1]
	actURL := a.URL + "/plan/activities/" + itoa(act.ID)
	if st, body := postForm(t, coord, actURL+"/participants", url.Values{"ehak": {"0793", "0784", "0198"}}); st != http.StatusSeeOther {
		t.Fatalf("add participants: %d %.300s", st, body)
	}
	if st, body := postForm(t, coord, actURL+"/edit", url.Values{"status": {"in_progress"}, "completion": {"10"}, "weight": {"1"},
		"internal_note": {"Salajane märkus"}, "version": {itoa(int64(act.Version))}}); st != http.StatusSeeOther {
		t.Fatalf("edit activity: %d %.300s", st, body)
	}
	if len(tree().Participants) != 3 {
		t.Fatalf("participants %+v, want 3", tree().Participants)
	}

	// Tartu's editor marks Tartu's part done: a third of the activity, and of the plan.
	if st, body := postForm(t, tartu, actURL+"/participants/0793", url.Values{"status": {"done"}, "version": {"1"}}); st != http.StatusSeeOther {
		t.Fatalf("tartu's part: %d %.300s", st, body)
	}
	if st, _ := postForm(t, tartu, actURL+"/participants/0793", url.Values{"status": {"delayed"}, "version": {"1"}}); st != http.StatusConflict {
		t.Errorf("stale save: %d, want 409", st)
	}
	before := tree()
	if st, _ := postForm(t, tartu, actURL+"/participants/0784", url.Values{"status": {"done"}, "version": {"1"}}); st != http.StatusForbidden {
		t.Errorf("tartu's editor on tallinn's part: %d, want 403", st)
	}
	if st, _ := postForm(t, tallinn, actURL+"/edit", url.Values{"status": {"done"}, "version": {"2"}}); st != http.StatusForbidden {
		t.Errorf("an editor edits a national activity: %d, want 403", st)
	}
	after := tree()
	if !sameParticipants(before.Participants, after.Participants) || after.Nodes[1].Version != before.Nodes[1].Version {
		t.Errorf("a refused change changed data:\nbefore %+v\nafter  %+v", before.Participants, after.Participants)
	}
	for _, c := range []string{base, actURL} {
		_, page := get(t, coord, c)
		if !strings.Contains(page, `value="33"`) || !strings.Contains(page, "33\u00a0%") {
			t.Errorf("%s does not show 33\u00a0%%", c)
		}
		if !strings.Contains(page, "Salajane märkus") {
			t.Errorf("%s hides the internal note from a coordinator", c)
		}
	}
	if _, page := get(t, coord, actURL); !strings.Contains(page, "1 / 3") {
		t.Error("the activity page does not show the spread 1 / 3")
	}

	// The coordinator adopts the draft through its form; an editor may not, nor may a
	// save on a version someone else has since changed.
	strategy := func() plan.Strategy {
		t.Helper()
		s, err := a.store.Strategy(ctx, draft.ID)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	editURL := a.URL + "/plan/strategies/" + itoa(draft.ID) + "/edit"
	if _, page := get(t, coord, base); !strings.Contains(page, `href="/plan/strategies/`+itoa(draft.ID)+`/edit"`) {
		t.Error("the strategy page has no edit link for a coordinator")
	}
	if st, page := get(t, coord, editURL); st != http.StatusOK || !strings.Contains(page, "Tegevuskava 2026–2030") {
		t.Errorf("edit form: %d %.300s", st, page)
	}
	if st, _ := get(t, tallinn, editURL); st != http.StatusForbidden {
		t.Errorf("an editor opens a national strategy's form: %d, want 403", st)
	}
	stored := strategy()
	adopt := url.Values{"title_et": {"Tegevuskava 2026–2030"}, "title_en": {"Action plan 2026–2030"}, "start_year": {"2026"},
		"end_year": {"2030"}, "description_et": {"Kirjeldus"}, "owner_id": {"0"}, "status": {"adopted"},
		"stale_after_days": {"60"}, "version": {itoa(int64(stored.Version))}}
	if st, _ := postForm(t, tallinn, editURL, adopt); st != http.StatusForbidden {
		t.Errorf("an editor adopts a national strategy: %d, want 403", st)
	}
	bad := url.Values{}
	for k, v := range adopt {
		bad[k] = v
	}
	bad.Set("end_year", "2020")
	if st, body := postForm(t, coord, editURL, bad); st != http.StatusUnprocessableEntity || !strings.Contains(body, "error-summary") {
		t.Errorf("end before start: %d, want 422 with the problems", st)
	}
	if s := strategy(); s.Status != plan.Draft || s.Version != stored.Version {
		t.Fatalf("a refused or invalid save changed the strategy: %+v", s)
	}
	if _, page := get(t, tallinn, base); strings.Contains(page, `href="/plan/strategies/`+itoa(draft.ID)+`/edit"`) {
		t.Error("the strategy page shows an editor the edit link")
	}
	if st, body := postForm(t, coord, editURL, adopt); st != http.StatusSeeOther {
		t.Fatalf("adopt: %d %.300s", st, body)
	}
	adopted := strategy()
	if adopted.Status != plan.Adopted || adopted.TitleEn != "Action plan 2026–2030" || adopted.StaleAfterDays != 60 || adopted.OwnerID != nil {
		t.Errorf("adopted strategy %+v", adopted)
	}
	adopt.Set("status", "archived")
	if st, body := postForm(t, coord, editURL, adopt); st != http.StatusConflict || !strings.Contains(body, `value="archived" selected`) {
		t.Errorf("stale save: %d, want 409 keeping the input", st)
	}
	if s := strategy(); s.Status != plan.Adopted || s.Version != adopted.Version {
		t.Errorf("a stale save changed the strategy: %+v", s)
	}

	// Adopted, the plan is public, without its internal note.
	for _, c := range []string{base, actURL} {
		st, page := get(t, public, c)
		if st != http.StatusOK || !strings.Contains(page, "Ühine teenus") || !strings.Contains(page, "33\u00a0%") {
			t.Errorf("public %s: %d without the activity and its progress", c, st)
		}
		if strings.Contains(page, "Salajane märkus") {
			t.Errorf("public %s shows the internal note", c)
		}
	}
}

func sameParticipants(a, b []plan.Participant) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].MunicipalityEHAK != b[i].MunicipalityEHAK || a[i].Version != b[i].Version || a[i].Status != b[i].Status {
			return false
		}
	}
	return true
}
