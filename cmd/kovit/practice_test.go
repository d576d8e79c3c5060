package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/jobs"
	"kovit/internal/landscape"
)

// TestPracticeJourney: Tartu's editor proposes a practice, which the public cannot see until
// a coordinator publishes it; Kastre's editor adopts it with its differences, the activity
// appears in Kastre's plan prefilled from the practice, is marked done, and the follow-up
// job puts the practice's solution into production in Kastre's landscape; the practice's
// page shows Kastre's progress from its plan.
func TestPracticeJourney(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		sols, _, err := a.store.ListSolutions(ctx, landscape.SolutionFilter{Query: "SPOKU"})
		if err != nil || len(sols) != 1 {
			t.Fatal(sols, err)
		}
		tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
		st, _ := postForm(t, tartu, a.URL+"/practices/new", url.Values{"title": {"Toetuste taotlused iseteeninduses"},
			"summary": {"Kõik toetuste taotlused ühes iseteeninduskeskkonnas."}, "resources": {"1 arendaja, 3 kuud"},
			"municipalities": {"0793"}, "tags": {"e-teenused"}})
		if st != http.StatusSeeOther {
			t.Fatalf("propose: %d", st)
		}
		list, _, err := a.store.ListPractices(ctx, landscape.PracticeFilter{})
		if err != nil || len(list) != 1 || list[0].Status != landscape.PracticeSubmitted {
			t.Fatalf("proposed: %+v %v", list, err)
		}
		p := list[0]
		id := itoa(p.ID)
		if st, _ := get(t, a.client(t), a.URL+"/practices/"+id); st != http.StatusNotFound {
			t.Errorf("the public reads a submitted practice: %d", st)
		}
		coordUser := a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")
		p.SolutionIDs = []int64{sols[0].ID}
		if p, err = a.store.UpdatePractice(auth.WithUser(ctx, &coordUser), p); err != nil {
			t.Fatal(err)
		}
		coord := a.as(t, coordUser)
		if st, _ := postForm(t, coord, a.URL+"/practices/"+id+"/status", url.Values{"status": {"published"}, "version": {itoa(int64(p.Version))}}); st != http.StatusSeeOther {
			t.Fatalf("publish: %d", st)
		}
		if st, body := get(t, a.client(t), a.URL+"/practices?q=iseteeninduses"); st != http.StatusOK || !strings.Contains(body, "Toetuste taotlused") {
			t.Errorf("the public searches the library: %d", st)
		}
		kastreUser := a.user(t, "it@kastre.test", auth.RoleEditor, "0291")
		kastre := a.as(t, kastreUser)
		if st, _ := postForm(t, tartu, a.URL+"/practices/"+id+"/adopt/0291", url.Values{"differences": {"x"}}); st != http.StatusForbidden {
			t.Errorf("Tartu adopts for Kastre: %d", st)
		}
		st, _ = postForm(t, kastre, a.URL+"/practices/"+id+"/adopt/0291", url.Values{"differences": {"Ainult noorsootöö toetused."}})
		if st != http.StatusSeeOther {
			t.Fatalf("adopt: %d", st)
		}
		ads, err := a.store.Adoptions(ctx, p.ID)
		if err != nil || len(ads) != 1 {
			t.Fatalf("adoptions: %+v %v", ads, err)
		}
		st, body := get(t, kastre, a.URL+"/plan/"+itoa(ads[0].StrategyID))
		if st != http.StatusOK || !strings.Contains(body, "Toetuste taotlused iseteeninduses") {
			t.Errorf("the activity in Kastre's plan: %d", st)
		}
		node, err := a.store.Node(ctx, ads[0].ActivityID)
		if err != nil || !strings.Contains(node.DescriptionEt, "1 arendaja, 3 kuud") || !strings.Contains(node.DescriptionEt, "Ainult noorsootöö") {
			t.Fatalf("the activity prefilled from the practice: %+v %v", node, err)
		}
		strategy, err := a.store.Strategy(ctx, ads[0].StrategyID)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range strategy.Statuses {
			if s.Done {
				node.Status = s.Key
			}
		}
		if _, err := a.store.UpdateNode(auth.WithUser(ctx, &kastreUser), node); err != nil {
			t.Fatal(err)
		}
		if err := jobs.AdoptionFollowUp(a.store).Run(ctx, a.store.Now()); err != nil {
			t.Fatal(err)
		}
		rows, _, err := a.store.ListRows(ctx, landscape.RowFilter{MunicipalityEHAK: "0291"})
		if err != nil || len(rows) != 1 || rows[0].SolutionID != sols[0].ID || rows[0].Status != landscape.Production {
			t.Fatalf("Kastre's landscape: %+v %v", rows, err)
		}
		st, body = get(t, a.client(t), a.URL+"/practices/"+id)
		if st != http.StatusOK || !strings.Contains(body, "Kastre vald") || !strings.Contains(body, "kasutusel") {
			t.Errorf("the practice's adopters: %d", st)
		}
	})
}
