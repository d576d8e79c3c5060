package sqlstore_test

import (
	"strconv"
	"testing"

	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestIDsNeverReused: a record made after the newest one was deleted gets a new id, not the
// deleted one's, so the audit trail and old links never point at two records.
func TestIDsNeverReused(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"})
		act := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Tegevus"})
		ind, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Näitaja", Better: plan.HigherIsBetter})
		if err != nil {
			t.Fatal(err)
		}
		code := 1
		cases := []struct {
			name   string
			create func() (id int64, version int, err error)
			delete func(id int64, version int) error
		}{
			{"activity", func() (int64, int, error) {
				code++
				n, err := s.CreateNode(ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1." + strconv.Itoa(code), TitleEt: "Uus"})
				return n.ID, n.Version, err
			}, func(id int64, v int) error { return s.DeleteNode(ctx, id, v) }},
			{"indicator", func() (int64, int, error) {
				i, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Uus", Better: plan.HigherIsBetter})
				return i.ID, i.Version, err
			}, func(id int64, v int) error { return s.DeleteIndicator(ctx, id, v) }},
			{"measurement", func() (int64, int, error) {
				m, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: ind.ID, Value: 1, Date: *planDay("2026-06-30")})
				return m.ID, m.Version, err
			}, func(id int64, v int) error { return s.DeleteMeasurement(ctx, id, v) }},
			{"task", func() (int64, int, error) {
				k, err := s.CreateTask(ctx, plan.Task{ActivityID: act.ID, TitleEt: "Uus", State: plan.TaskNotStarted})
				return k.ID, k.Version, err
			}, func(id int64, v int) error { return s.DeleteTask(ctx, id, v) }},
			{"progress update", func() (int64, int, error) {
				u, err := s.PostProgressUpdate(ctx, plan.ProgressUpdate{ActivityID: act.ID, Date: *planDay("2026-06-30"), Body: "Tehtud"})
				return u.ID, u.Version, err
			}, func(id int64, v int) error { return s.DeleteProgressUpdate(ctx, id, v) }},
		}
		for _, c := range cases {
			id, v, err := c.create()
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if err := c.delete(id, v); err != nil {
				t.Fatalf("%s: delete: %v", c.name, err)
			}
			next, _, err := c.create()
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if next <= id {
				t.Errorf("%s: the new one got id %d after %d was deleted", c.name, next, id)
			}
		}
	})
}
