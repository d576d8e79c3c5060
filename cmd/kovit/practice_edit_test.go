package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/landscape"
)

// TestPracticeEditPage: a coordinator corrects a practice's content on its edit form, which
// keeps its status, solutions and national activity, is audited, and is refused at a stale
// version and with a bad field named; an editor may neither open nor post the form.
func TestPracticeEditPage(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
		sols, _, err := a.store.ListSolutions(ctx, landscape.SolutionFilter{Query: "SPOKU"})
		if err != nil || len(sols) != 1 {
			t.Fatal(sols, err)
		}
		p, err := a.store.CreatePractice(auth.WithUser(ctx, &coordUser), landscape.Practice{Title: "Toetuste taotlused",
			Summary: "Kõik ühes kohas.", Municipalities: []string{"0793"}, SolutionIDs: []int64{sols[0].ID}, Status: landscape.PracticePublished})
		if err != nil {
			t.Fatal(err)
		}
		id := itoa(p.ID)
		editor := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
		coord := a.as(t, coordUser)
		if st, _ := get(t, editor, a.URL+"/practices/"+id+"/edit"); st != http.StatusForbidden {
			t.Errorf("an editor opens the form: %d", st)
		}
		st, body := get(t, coord, a.URL+"/practices/"+id+"/edit")
		if st != http.StatusOK || !strings.Contains(body, `value="Toetuste taotlused"`) || !strings.Contains(body, `name="version" value="1"`) {
			t.Fatalf("the form: %d", st)
		}
		if st, body := get(t, coord, a.URL+"/practices/"+id); st != http.StatusOK || !strings.Contains(body, "/practices/"+id+"/edit") {
			t.Errorf("the practice's page links no edit form for a coordinator: %d", st)
		}
		form := url.Values{"title": {"Toetuste taotlused iseteeninduses"}, "summary": {"Kõik taotlused ühes iseteeninduses."},
			"municipalities": {"0793", "0171"}, "tags": {"e-teenused, toetused"}, "links": {"https://www.tartu.ee/toetused"}, "version": {"1"}}
		if st, _ := postForm(t, editor, a.URL+"/practices/"+id+"/edit", form); st != http.StatusForbidden {
			t.Errorf("an editor posts the form: %d", st)
		}
		bad := url.Values{"title": {""}, "summary": {"x"}, "municipalities": {"0793"}, "links": {"ftp:/vigane"}, "version": {"1"}}
		st, body = postForm(t, coord, a.URL+"/practices/"+id+"/edit", bad)
		if st != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-title"`) || !strings.Contains(body, "f-links") {
			t.Errorf("bad fields: %d", st)
		}
		if st, _ := postForm(t, coord, a.URL+"/practices/"+id+"/edit", form); st != http.StatusSeeOther {
			t.Fatalf("save: %d", st)
		}
		got, err := a.store.Practice(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Title != "Toetuste taotlused iseteeninduses" || len(got.Municipalities) != 2 || len(got.Tags) != 2 || len(got.Links) != 1 ||
			got.Status != landscape.PracticePublished || len(got.SolutionIDs) != 1 || got.Version != 2 {
			t.Errorf("saved: %+v", got)
		}
		if st, _ := postForm(t, coord, a.URL+"/practices/"+id+"/edit", form); st != http.StatusConflict {
			t.Errorf("a save at a stale version: %d", st)
		}
		if again, _ := a.store.Practice(ctx, p.ID); again.Version != 2 {
			t.Errorf("the stale save changed the practice: %+v", again)
		}
		evs, _, err := a.store.ListEvents(ctx, audit.Filter{Entity: audit.KindPractice, EntityID: id, Action: audit.Update})
		if err != nil || len(evs) != 1 {
			t.Errorf("audit of the edit: %v %v", evs, err)
		}
	})
}
