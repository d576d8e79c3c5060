package sqlstore_test

import (
	"strings"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// An archived strategy is read-only, it and everything under it, until it is reopened by a
// change of its status; each refused write changes nothing and says why.
func TestArchivedStrategyReadOnly(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"})
		act := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Tegevus"})
		part, err := s.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: "0793"})
		if err != nil {
			t.Fatal(err)
		}
		task, err := s.CreateTask(ctx, plan.Task{ActivityID: act.ID, TitleEt: "Ülesanne", State: plan.TaskNotStarted})
		if err != nil {
			t.Fatal(err)
		}
		ind, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Näitaja", Better: plan.HigherIsBetter})
		if err != nil {
			t.Fatal(err)
		}
		m, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: ind.ID, Value: 1, Date: *planDay("2026-03-01")})
		if err != nil {
			t.Fatal(err)
		}
		upd, err := s.PostProgressUpdate(ctx, plan.ProgressUpdate{ActivityID: act.ID, Body: "Algas.", Date: *planDay("2026-03-01")})
		if err != nil {
			t.Fatal(err)
		}
		st.Status = plan.Archived
		if st, err = s.UpdateStrategy(ctx, st); err != nil {
			t.Fatal(err)
		}
		// The tree as it was archived: nothing below may change it.
		before, err := s.StrategyTree(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		renamed := st
		renamed.TitleEt = "Muudetud"
		edited := act
		edited.TitleEt = "Muudetud"
		for name, write := range map[string]func() error{
			"strategy": func() error { _, err := s.UpdateStrategy(ctx, renamed); return err },
			"new node": func() error {
				_, err := s.CreateNode(ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "2", TitleEt: "Uus"})
				return err
			},
			"node": func() error { _, err := s.UpdateNode(ctx, edited); return err },
			"move": func() error {
				_, err := s.MoveNode(ctx, act.ID, plan.Move{ParentID: &goal.ID, Version: act.Version})
				return err
			},
			"delete node": func() error { return s.DeleteNode(ctx, act.ID, act.Version) },
			"new participant": func() error {
				_, err := s.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: "0784"})
				return err
			},
			"participant":        func() error { p := part; p.Completion = 50; _, err := s.UpdateParticipant(ctx, p); return err },
			"remove participant": func() error { return s.RemoveParticipant(ctx, act.ID, "0793", part.Version) },
			"new task": func() error {
				_, err := s.CreateTask(ctx, plan.Task{ActivityID: act.ID, TitleEt: "Uus", State: plan.TaskNotStarted})
				return err
			},
			"task":        func() error { k := task; k.TitleEt = "Muudetud"; _, err := s.UpdateTask(ctx, k); return err },
			"delete task": func() error { return s.DeleteTask(ctx, task.ID, task.Version) },
			"new indicator": func() error {
				_, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Uus", Better: plan.HigherIsBetter})
				return err
			},
			"indicator":        func() error { i := ind; i.NameEt = "Muudetud"; _, err := s.UpdateIndicator(ctx, i); return err },
			"delete indicator": func() error { return s.DeleteIndicator(ctx, ind.ID, ind.Version) },
			"new measurement": func() error {
				_, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: ind.ID, Value: 2, Date: *planDay("2026-04-01")})
				return err
			},
			"measurement":        func() error { v := m; v.Value = 3; _, err := s.UpdateMeasurement(ctx, v); return err },
			"delete measurement": func() error { return s.DeleteMeasurement(ctx, m.ID, m.Version) },
			"new update": func() error {
				_, err := s.PostProgressUpdate(ctx, plan.ProgressUpdate{ActivityID: act.ID, Body: "Uus", Date: *planDay("2026-04-01")})
				return err
			},
			"update":        func() error { u := upd; u.Body = "Muudetud"; _, err := s.EditProgressUpdate(ctx, u); return err },
			"delete update": func() error { return s.DeleteProgressUpdate(ctx, upd.ID, upd.Version) },
			"import": func() error {
				_, err := s.ImportPlan(ctx, st.ID, []plan.ImportRow{{Row: 2, Code: "2", Kind: plan.Goal, TitleEt: "Uus"}})
				return err
			},
		} {
			err := write()
			if e := kovit.AsError(err); e == nil || e.Code != kovit.EConflict || e.Key != "plan.error.archived" {
				t.Errorf("%s in an archived strategy: %v, want 409 plan.error.archived", name, err)
			}
		}
		after, err := s.StrategyTree(ctx, st.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.Strategy.Version != before.Strategy.Version || len(after.Nodes) != len(before.Nodes) || len(after.Tasks) != 1 ||
			len(after.Participants) != 1 || len(after.Indicators) != 1 || after.Nodes[1].Version != act.Version {
			t.Errorf("a refused write changed the archived strategy: %+v", after)
		}
		if ms, _ := s.Measurements(ctx, ind.ID); len(ms) != 1 || ms[0].Value != 1 {
			t.Errorf("measurements %+v", ms)
		}

		// Reopened, with an audited change of status, it takes changes again.
		reopen := st
		reopen.Status = plan.Adopted
		if _, err := s.UpdateStrategy(ctx, reopen); err != nil {
			t.Fatalf("reopen: %v", err)
		}
		if evs := events(t, s, "strategy", itoa(st.ID)); len(evs) == 0 || evs[0].Action != "update" ||
			!strings.Contains(string(evs[0].Before), `"status":"archived"`) || !strings.Contains(string(evs[0].After), `"status":"adopted"`) {
			t.Errorf("reopening was not audited: %v", actions(evs))
		}
		if _, err := s.UpdateNode(ctx, edited); err != nil {
			t.Errorf("a reopened strategy's node: %v", err)
		}
	})
}
