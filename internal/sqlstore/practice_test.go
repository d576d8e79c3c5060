package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestPracticeAdoption: a published practice of Tartu adopted by Kastre becomes an activity
// of a new plan of Kastre's, prefilled from the practice, once; when the activity is done,
// the practice's solution is in production in Kastre's landscape; a draft is not adopted.
func TestPracticeAdoption(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		spoku := seededSolution(t, s, "SPOKU")
		p, err := s.CreatePractice(ctx, landscape.Practice{Title: "Taotlused ühes iseteeninduses", Summary: "Toetuste taotlused SPOKU kaudu.",
			Resources: "1 arendaja, 3 kuud", Municipalities: []string{"0793"}, ContactName: "Mari", SolutionIDs: []int64{spoku.ID}, Tags: []string{"e-teenused"}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Adopt(ctx, landscape.Adoption{PracticeID: p.ID, MunicipalityEHAK: "0291"}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Fatalf("adopting a draft: %v", err)
		}
		p.Status = landscape.PracticePublished
		if p, err = s.UpdatePractice(ctx, p); err != nil {
			t.Fatal(err)
		}
		list, n, err := s.ListPractices(ctx, landscape.PracticeFilter{Statuses: []landscape.PracticeStatus{landscape.PracticePublished}, Query: "iseteeninduses"})
		if err != nil || n != 1 || list[0].ID != p.ID {
			t.Fatalf("search: %v %d %v", list, n, err)
		}
		a, err := s.Adopt(ctx, landscape.Adoption{PracticeID: p.ID, MunicipalityEHAK: "0291", Differences: "Ainult noorsootöö toetused."})
		if err != nil {
			t.Fatal(err)
		}
		node, err := s.Node(ctx, a.ActivityID)
		if err != nil || node.Kind != plan.Activity || node.TitleEt != p.Title {
			t.Fatalf("the activity: %+v %v", node, err)
		}
		st, err := s.Strategy(ctx, a.StrategyID)
		if err != nil || st.OwnerID == nil || st.Status != plan.Draft {
			t.Fatalf("Kastre's plan: %+v %v", st, err)
		}
		if _, err := s.Adopt(ctx, landscape.Adoption{PracticeID: p.ID, MunicipalityEHAK: "0291"}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Fatalf("adopting twice: %v", err)
		}
		if applied, err := s.FollowAdoptions(ctx); err != nil || applied != 0 {
			t.Fatalf("before the activity is done: %d %v", applied, err)
		}
		for _, status := range st.Statuses {
			if status.Done {
				node.Status = status.Key
			}
		}
		if _, err := s.UpdateNode(ctx, node); err != nil {
			t.Fatal(err)
		}
		if applied, err := s.FollowAdoptions(ctx); err != nil || applied != 1 {
			t.Fatalf("after the activity is done: %d %v", applied, err)
		}
		rows, _, err := s.ListRows(ctx, landscape.RowFilter{MunicipalityEHAK: "0291", SolutionID: spoku.ID})
		if err != nil || len(rows) != 1 || rows[0].Status != landscape.Production {
			t.Fatalf("Kastre's landscape: %+v %v", rows, err)
		}
		ads, err := s.Adoptions(ctx, p.ID)
		if err != nil || len(ads) != 1 || !ads[0].Done || ads[0].Applied == nil {
			t.Fatalf("adoptions: %+v %v", ads, err)
		}
		if applied, _ := s.FollowAdoptions(ctx); applied != 0 {
			t.Errorf("applied again: %d", applied)
		}
	})
}
