package demo_test

import (
	"context"
	"slices"
	"testing"

	"kovit/internal/demo"
	"kovit/internal/plan"
	"kovit/internal/sqlstore/sqlstoretest"
)

// A synthetic plan has the shape asked for, and the same seed draws the same statuses.
func TestPlan(t *testing.T) {
	ctx := context.Background()
	shape := demo.PlanShape{Goals: 2, Directions: 2, Activities: 3, Joint: 2, Values: 2, Seed: 7}
	var statuses [][]string
	for range 2 {
		s := sqlstoretest.New(t, "sqlite")
		id, err := demo.Plan(ctx, s, shape)
		if err != nil {
			t.Fatal(err)
		}
		tree, err := s.StrategyTree(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(tree.Nodes) != 2+4+12 || len(tree.Participants) != 2*79 || len(tree.Indicators) != 6 || !tree.Strategy.Status.Public() {
			t.Fatalf("%d nodes, %d participants, %d indicators, %s", len(tree.Nodes), len(tree.Participants), len(tree.Indicators), tree.Strategy.Status)
		}
		values := 0
		for _, ind := range tree.Indicators {
			ms, err := s.Measurements(ctx, ind.ID)
			if err != nil {
				t.Fatal(err)
			}
			values += len(ms)
		}
		if values != 2*79+5*8 {
			t.Errorf("%d indicator values, want %d", values, 2*79+5*8)
		}
		var st []string
		for _, n := range tree.Nodes {
			if n.Kind == plan.Activity {
				st = append(st, n.Status)
			}
		}
		statuses = append(statuses, st)
	}
	if !slices.Equal(statuses[0], statuses[1]) {
		t.Errorf("the same seed drew %v and %v", statuses[0], statuses[1])
	}
}
