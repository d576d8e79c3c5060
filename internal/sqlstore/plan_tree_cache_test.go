package sqlstore_test

import (
	"testing"

	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The tree is served from memory: a change through the store shows at once, and what a
// caller does to its tree does not reach the next caller.
func TestStrategyTreeCopy(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Teenused"})
		first, err := s.StrategyTree(ctx, st.ID)
		if err != nil || len(first.Nodes) != 1 {
			t.Fatal(first.Nodes, err)
		}
		first.Nodes[0].TitleEt = "muudetud koopias"
		goal.TitleEt = "Paremad teenused"
		if _, err := s.UpdateNode(ctx, goal); err != nil {
			t.Fatal(err)
		}
		mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Direction, Code: "1.1", TitleEt: "E-teenused"})
		for range 2 { // the second read comes from memory
			got, err := s.StrategyTree(ctx, st.ID)
			if err != nil || len(got.Nodes) != 2 || got.Nodes[0].TitleEt != "Paremad teenused" {
				t.Fatalf("tree after change: %+v, %v", got.Nodes, err)
			}
			got.Nodes[0].TitleEt = "muudetud koopias"
		}
	})
}
