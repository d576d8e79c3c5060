package sqlstore_test

import (
	"testing"

	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The tree is served from memory: a change through the store shows at once.
func TestStrategyTreeCopy(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Teenused"})
		first, err := s.StrategyTree(ctx, st.ID)
		if err != nil || len(first.Nodes) != 1 {
			t.Fatal(first.Nodes, err)
		}
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
		}
	})
}

// A municipality's report of its part refreshes only the participants of the kept tree,
// and the roll-up follows at once; any other change reloads the tree.
func TestStrategyTreeAfterParticipantChange(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		act := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "1", TitleEt: "Ühine"})
		var parts []plan.Participant
		for _, ehak := range []string{"0793", "0784"} {
			p, err := s.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: ehak})
			if err != nil {
				t.Fatal(err)
			}
			parts = append(parts, p)
		}
		progress := func() float64 {
			tree, err := s.StrategyTree(ctx, st.ID)
			if err != nil {
				t.Fatal(err)
			}
			return plan.Rollup(tree)[act.ID]
		}
		if got := progress(); got != 0 {
			t.Fatalf("progress %v before any part is done", got)
		}
		parts[0].Status = plan.Done
		if _, err := s.UpdateParticipant(ctx, parts[0]); err != nil {
			t.Fatal(err)
		}
		if got := progress(); got != 0.5 {
			t.Errorf("progress %v after one of two parts is done, want 0.5", got)
		}
		// A part added and one removed are refreshed too, and another strategy's tree is
		// left as it was.
		other := newStrategy(t, s, ctx)
		otherAct := mustNode(t, s, ctx, plan.Node{StrategyID: other.ID, Kind: plan.Activity, Code: "1", TitleEt: "Teine"})
		if _, err := s.StrategyTree(ctx, other.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: "0171"}); err != nil {
			t.Fatal(err)
		}
		if got := progress(); got < 0.333 || got > 0.334 {
			t.Errorf("progress %v after a third part joined, want 1/3", got)
		}
		if err := s.RemoveParticipant(ctx, act.ID, "0784", 1); err != nil {
			t.Fatal(err)
		}
		if got := progress(); got != 0.5 {
			t.Errorf("progress %v after a part left, want 0.5", got)
		}
		if ot, err := s.StrategyTree(ctx, other.ID); err != nil || len(ot.Participants) != 0 || ot.Nodes[0].ID != otherAct.ID {
			t.Errorf("the other strategy's tree: %+v, %v", ot, err)
		}
		act.TitleEt = "Ühine tegevus"
		if _, err := s.UpdateNode(ctx, act); err != nil {
			t.Fatal(err)
		}
		tree, err := s.StrategyTree(ctx, st.ID)
		if err != nil || tree.Nodes[0].TitleEt != "Ühine tegevus" || plan.Rollup(tree)[act.ID] != 0.5 {
			t.Errorf("after a node change: %+v %v", tree.Nodes, err)
		}
	})
}
