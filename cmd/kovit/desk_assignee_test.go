package main

import (
	"context"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/desk"
	"kovit/internal/plan"
)

// TestDeskOverdueTaskOfAssignee: a task given to a coordinator and past its due date is
// on their desk, though a coordinator's queue otherwise holds only stale activities; a
// task given to someone else is not.
func TestDeskOverdueTaskOfAssignee(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		other := a.user(t, "peeter@kovit.test", auth.RoleCoordinator, "")
		asCoord := auth.WithUser(ctx, &coord)
		st, err := a.store.CreateStrategy(asCoord, plan.Strategy{TitleEt: "KOV IKT tegevuskava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		act, err := a.store.CreateNode(asCoord, plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Dokumendihalduse ühishange",
			ContactIDs: []int64{coord.ID, other.ID}})
		if err != nil {
			t.Fatal(err)
		}
		due := time.Now().UTC().AddDate(0, 0, -5).Truncate(24 * time.Hour)
		if _, err := a.store.CreateTask(asCoord, plan.Task{ActivityID: act.ID, TitleEt: "Hankedokumendid", State: plan.TaskNotStarted,
			Due: &due, AssigneeID: &coord.ID}); err != nil {
			t.Fatal(err)
		}
		if _, d := deskOf(t, a, a.as(t, coord), ""); d.Counts[desk.Kind(plan.OverdueTask)] != 1 {
			t.Errorf("the assignee's desk: %+v", d.Counts)
		}
		if _, d := deskOf(t, a, a.as(t, other), ""); d.Counts[desk.Kind(plan.OverdueTask)] != 0 {
			t.Errorf("another coordinator's desk: %+v", d.Counts)
		}
	})
}
