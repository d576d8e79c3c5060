package sqlstore_test

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestJointActivityRollsUp(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		d1 := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Direction, Code: "1", TitleEt: "Suund 1"})
		d2 := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Direction, Code: "2", TitleEt: "Suund 2"})
		a1 := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &d1.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Üksi", InternalNote: "sisemine"})
		joint := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &d1.ID, Kind: plan.Activity, Code: "1.2", TitleEt: "Ühine"})
		mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &d2.ID, Kind: plan.Activity, Code: "2.1", TitleEt: "Valmis", Status: plan.Done})
		for _, ehak := range []string{"0793", "0784", "0296"} {
			p, err := s.AddParticipant(ctx, plan.Participant{ActivityID: joint.ID, MunicipalityEHAK: ehak, Due: planDay("2026-11-20")})
			if err != nil || p.Status != plan.NotStarted || p.Version != 1 {
				t.Fatalf("add %s: %+v %v", ehak, p, err)
			}
		}
		bad := []struct {
			p     plan.Participant
			field string
		}{
			{plan.Participant{ActivityID: joint.ID, MunicipalityEHAK: "0793"}, "municipality_ehak"},
			{plan.Participant{ActivityID: joint.ID, MunicipalityEHAK: "9999"}, "municipality_ehak"},
			{plan.Participant{ActivityID: d1.ID, MunicipalityEHAK: "0793"}, "activity_id"},
			{plan.Participant{ActivityID: joint.ID, MunicipalityEHAK: "0141", Status: "lost"}, "status"},
		}
		for _, tt := range bad {
			if _, err := s.AddParticipant(ctx, tt.p); !kovit.FieldsOf(err).Has(tt.field) {
				t.Errorf("%+v: %v", tt.p, err)
			}
		}

		// Tartu's editor marks its part done; Tallinn's stale save is refused.
		editor := auth.WithUser(context.Background(), &auth.User{ID: 7, Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793", Active: true})
		parts, err := s.Participants(ctx, plan.ParticipantFilter{MunicipalityEHAK: "0793"})
		if err != nil || len(parts) != 1 {
			t.Fatalf("Tartu's parts %v %v", parts, err)
		}
		mine := parts[0]
		mine.Status = plan.Done
		done, err := s.UpdateParticipant(editor, mine)
		if err != nil || done.Completion != 100 || done.Version != 2 || done.UpdatedBy != "Mari" {
			t.Fatalf("done %+v %v", done, err)
		}
		mine.Status = plan.Delayed
		if _, err := s.UpdateParticipant(editor, mine); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale participant: %v", err)
		}

		tree, err := s.StrategyTree(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(tree.Nodes) != 5 || len(tree.Participants) != 3 || tree.Nodes[0].ID != d1.ID || tree.Nodes[2].ID != a1.ID {
			t.Fatalf("tree %+v", tree)
		}
		progress := plan.Rollup(tree)
		want := map[int64]float64{joint.ID: 1.0 / 3, d1.ID: 1.0 / 6, d2.ID: 1, plan.StrategyKey: 7.0 / 12}
		for id, w := range want {
			if math.Abs(progress[id]-w) > 1e-9 {
				t.Errorf("progress of %d = %v, want %v", id, progress[id], w)
			}
		}
		if tree.Public().Nodes[2].InternalNote != "" || tree.Nodes[2].InternalNote != "sisemine" {
			t.Error("internal note: public tree shows it, or the signed-in tree lost it")
		}

		// A status in use cannot be dropped from the strategy's list.
		st, _ = s.Strategy(ctx, st.ID)
		st.Statuses = plan.Statuses{{Key: "valmis", NameEt: "valmis", Colour: "#009e73", Done: true}}
		if _, err := s.UpdateStrategy(ctx, st); !kovit.FieldsOf(err).Has("statuses") {
			t.Errorf("dropping used statuses: %v", err)
		}

		// Overdue parts: Keila and Tallinn are past due on 2026-11-25; Tartu is done.
		var overdue []string
		for _, a := range plan.NeedsAttention(tree, time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)) {
			overdue = append(overdue, a.MunicipalityEHAK)
		}
		if !cmp.Equal(overdue, []string{"0296", "0784"}) {
			t.Errorf("attention %v", overdue)
		}

		if err := s.RemoveParticipant(ctx, joint.ID, "0793", 1); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale remove: %v", err)
		}
		if err := s.RemoveParticipant(ctx, joint.ID, "0793", 2); err != nil {
			t.Fatal(err)
		}
		if left, _ := s.Participants(ctx, plan.ParticipantFilter{ActivityID: joint.ID}); len(left) != 2 {
			t.Errorf("left %d", len(left))
		}
		evs := events(t, s, "participant", itoa(joint.ID)+"/0793")
		if !cmp.Equal(actions(evs), []string{audit.Delete, audit.Update, audit.Create}) || evs[1].ActorName != "Mari" {
			t.Errorf("participant events %v", actions(evs))
		}
	})
}

func TestTasks(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"})
		act := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Tegevus"})
		if _, err := s.CreateTask(ctx, plan.Task{ActivityID: goal.ID, TitleEt: "x", State: plan.TaskNotStarted}); !kovit.FieldsOf(err).Has("activity_id") {
			t.Errorf("task on a goal: %v", err)
		}
		first, err := s.CreateTask(ctx, plan.Task{ActivityID: act.ID, TitleEt: "Hange", State: plan.TaskNotStarted, Due: planDay("2026-11-01")})
		if err != nil || first.Position != 0 || first.CompletedAt != nil || !first.Due.Equal(*planDay("2026-11-01")) {
			t.Fatalf("first %+v %v", first, err)
		}
		second, err := s.CreateTask(ctx, plan.Task{ActivityID: act.ID, TitleEt: "Leping", State: plan.TaskDone})
		if err != nil || second.Position != 1 || second.CompletedAt == nil || second.CompletedBy != "Kati Koordinaator" {
			t.Fatalf("second %+v %v", second, err)
		}

		editor := auth.WithUser(context.Background(), &auth.User{ID: 7, Name: "Mari", Role: auth.RoleEditor, Active: true})
		doneTask := first
		doneTask.State = plan.TaskDone
		done, err := s.UpdateTask(editor, doneTask)
		if err != nil || done.CompletedAt == nil || done.CompletedBy != "Mari" || done.Version != 2 {
			t.Fatalf("done %+v %v", done, err)
		}
		renamed := done
		renamed.TitleEt, renamed.CompletedBy = "Hange tehtud", "someone else"
		if renamed, err = s.UpdateTask(ctx, renamed); err != nil || renamed.CompletedBy != "Mari" || !renamed.CompletedAt.Equal(*done.CompletedAt) {
			t.Errorf("staying done: %+v %v", renamed, err)
		}
		if _, err := s.UpdateTask(ctx, doneTask); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale task: %v", err)
		}
		reopened := renamed
		reopened.State = plan.TaskInProgress
		if reopened, err = s.UpdateTask(ctx, reopened); err != nil || reopened.CompletedAt != nil || reopened.CompletedBy != "" {
			t.Errorf("reopened %+v %v", reopened, err)
		}
		if tasks, _ := s.Tasks(ctx, act.ID); len(tasks) != 2 || tasks[0].ID != first.ID {
			t.Errorf("tasks %+v", tasks)
		}
		if err := s.DeleteTask(ctx, second.ID, second.Version); err != nil {
			t.Fatal(err)
		}
		if got := actions(events(t, s, "task", itoa(first.ID))); !cmp.Equal(got, []string{audit.Update, audit.Update, audit.Update, audit.Create}) {
			t.Errorf("task events %v", got)
		}

		// Deleting the activity takes its tasks, and the audit event keeps them.
		act, _ = s.Node(ctx, act.ID)
		if err := s.DeleteNode(ctx, act.ID, act.Version); err != nil {
			t.Fatal(err)
		}
		if tasks, _ := s.Tasks(ctx, act.ID); len(tasks) != 0 {
			t.Errorf("tasks outlived their activity: %d", len(tasks))
		}
		evs := events(t, s, "plan_node", itoa(act.ID))
		if len(evs) != 2 || !strings.Contains(string(evs[0].Before), `"Hange tehtud"`) {
			t.Errorf("deletion event lacks the tasks: %+v", evs)
		}
	})
}
