package demo_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"kovit/internal/demo"
	"kovit/internal/need"
	"kovit/internal/sqlstore/sqlstoretest"
)

// Synthetic needs have the shape asked for, titles composed from municipal IT words (no
// placeholder "Näidis"), and the same seed writes the same needs.
func TestNeeds(t *testing.T) {
	ctx := context.Background()
	shape := demo.NeedShape{Needs: 100, Submitted: 60, Groups: 5, PerGroup: 4, Seed: 7}
	var runs [][]string
	for range 2 {
		s := sqlstoretest.New(t, "sqlite")
		ids, err := demo.Needs(ctx, s, shape)
		if err != nil {
			t.Fatal(err)
		}
		all, total, err := s.ListNeeds(ctx, need.Filter{Limit: need.MaxLimit, Sort: need.SortCreated})
		if err != nil || total != 100 || len(ids) != 100 || ids[0] != all[0].ID {
			t.Fatalf("%d needs, %d ids: %v", total, len(ids), err)
		}
		states := map[need.State]int{}
		ehaks := map[string]bool{}
		var texts []string
		for _, n := range all {
			states[n.State]++
			ehaks[n.MunicipalityEHAK] = true
			if n.Title == "" || strings.Contains(n.Title, "Näidis") || n.RoundID == nil {
				t.Errorf("need %d: %q in round %v", n.ID, n.Title, n.RoundID)
			}
			texts = append(texts, n.Title+"|"+n.Description+"|"+string(n.Urgency))
		}
		if states[need.Accepted] != 20 || states[need.Submitted] != 40 || states[need.Draft] != 40 || len(ehaks) != 79 {
			t.Errorf("states %v, %d municipalities", states, len(ehaks))
		}
		cs, err := s.ListConsolidated(ctx, need.ConsolidatedFilter{})
		if err != nil || len(cs) != 5 {
			t.Fatalf("%d consolidated needs: %v", len(cs), err)
		}
		published := 0
		for _, c := range cs {
			if len(c.Figures.NeedIDs) != 4 || !strings.HasSuffix(c.Title, " ühine arendus") {
				t.Errorf("consolidated %+v", c)
			}
			if c.Published {
				published++
			}
		}
		rounds, err := s.ListRounds(ctx)
		if err != nil || len(rounds) != 1 || !rounds[0].Open || published != 3 {
			t.Errorf("rounds %+v %v, %d published", rounds, err, published)
		}
		runs = append(runs, texts)
	}
	if !slices.Equal(runs[0], runs[1]) {
		t.Error("the same seed wrote different needs")
	}
	if _, err := demo.Needs(ctx, sqlstoretest.New(t, "sqlite"), demo.NeedShape{Needs: 10, Submitted: 5, Groups: 2, PerGroup: 3}); err == nil {
		t.Error("more grouped than submitted needs accepted")
	}
}
