package sqlstore_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"kovit/internal/demo"
	"kovit/internal/kovit"
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

// After edits in place (activities' fields, municipalities' parts), in any mix and with
// reads between them, the kept tree is the tree a fresh read gives.
func TestStrategyTreeEditsInPlace(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		id, err := demo.Plan(ctx, s, demo.PlanShape{Goals: 2, Directions: 2, Activities: 3, Joint: 2, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		tree, err := s.StrategyTree(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var acts []plan.Node
		for _, n := range tree.Nodes {
			if n.Kind == plan.Activity {
				acts = append(acts, n)
			}
		}
		org, err := s.CreateOrganisation(ctx, plan.Organisation{NameEt: "Riigi Infosüsteemi Amet", Kind: plan.Agency})
		if err != nil {
			t.Fatal(err)
		}
		for step := range 8 {
			a := acts[step%len(acts)]
			a, err = s.Node(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			a.Completion, a.Status = (a.Completion+37)%101, plan.InProgress
			a.TitleEt += " (muudetud)"
			a.PartnerOrgIDs = []int64{org.ID}
			if _, err := s.UpdateNode(ctx, a); err != nil {
				t.Fatal(err)
			}
			if step%2 == 0 { // a part too, before the next read
				p := tree.Participants[step] // a different part each time: its version holds
				p.Status = plan.Done
				if _, err := s.UpdateParticipant(ctx, p); err != nil {
					t.Fatal(err)
				}
			}
			kept, err := s.StrategyTree(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			want := freshTree(t, s.DSN(), id)
			if diff := cmp.Diff(want, kept, cmpopts.IgnoreUnexported(plan.Tree{})); diff != "" {
				t.Fatalf("step %d: kept tree differs from a fresh read (-fresh +kept):\n%s", step, diff)
			}
			if got, want := plan.Rollup(kept), plan.Rollup(want); !cmp.Equal(got, want) {
				t.Fatalf("step %d: roll-up %v, fresh %v", step, got, want)
			}
		}
	})
}

// A strategy that does not exist is not found, and asking for one keeps nothing: a
// client cannot fill the server's memory with ids.
func TestStrategyTreeNotFound(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		if _, err := s.StrategyTree(ctx, st.ID); err != nil {
			t.Fatal(err)
		}
		for id := st.ID + 1; id < st.ID+50; id++ {
			if _, err := s.StrategyTree(ctx, id); kovit.ErrorCode(err) != kovit.ENotFound {
				t.Fatalf("strategy %d: %v, want not found", id, err)
			}
		}
		if n := s.KeptTrees(); n != 1 {
			t.Errorf("%d trees kept, want the one that exists", n)
		}
	})
}

// freshTree reads a tree through a store of its own, with nothing kept in memory.
func freshTree(t *testing.T, dsn string, id int64) plan.Tree {
	t.Helper()
	fresh, err := sqlstore.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	tree, err := fresh.StrategyTree(coordinatorCtx(), id)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}
