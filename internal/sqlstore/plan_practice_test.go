package sqlstore_test

import (
	"context"
	"math"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestIndicatorFromPractice: an indicator may follow the municipalities' e-democracy
// practice through the matrix indicators' own source: it is measured at every monthly
// snapshot as the share of all municipalities whose practice has the measure, a snapshot
// taken again replaces its value, and an unknown measure is refused naming the field.
func TestIndicatorFromPractice(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		st := newStrategy(t, s, ctx)
		if _, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "x", Better: plan.HigherIsBetter,
			FromMatrix: &plan.MatrixSource{Practice: "gossip"}}); !kovit.FieldsOf(err).Has("from_matrix.practice") {
			t.Errorf("an unknown practice: %v", err)
		}
		ind, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Volikogu istungite otseülekanne",
			Unit: "%", Better: plan.HigherIsBetter, FromMatrix: &plan.MatrixSource{Practice: "streaming"}})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Indicator(ctx, ind.ID); got.FromMatrix == nil || got.FromMatrix.Practice != "streaming" || got.FromMatrix.ServiceCode != "" {
			t.Fatalf("source not stored: %+v", got.FromMatrix)
		}
		save := func(ehak string, streaming bool) {
			t.Helper()
			p, err := s.EDemocracyPractice(ctx, ehak)
			if err != nil {
				t.Fatal(err)
			}
			p.Streaming = streaming
			if _, err := s.EDemocracySavePractice(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		save("0793", true)
		save("0784", true)
		save("0899", false)
		if err := s.TakeSnapshot(ctx, "2026-10"); err != nil {
			t.Fatal(err)
		}
		ms, err := s.Measurements(ctx, ind.ID)
		if err != nil || len(ms) != 1 || math.Abs(ms[0].Value-200.0/79) > 1e-9 || ms[0].Date.Format("2006-01-02") != "2026-10-31" {
			t.Fatalf("after the snapshot: %+v %v", ms, err)
		}
		save("0899", true)
		if err := s.TakeSnapshot(ctx, "2026-10"); err != nil {
			t.Fatal(err)
		}
		if ms, _ := s.Measurements(ctx, ind.ID); len(ms) != 1 || math.Abs(ms[0].Value-300.0/79) > 1e-9 || ms[0].Source != plan.MatrixSourceText(plan.MatrixSource{Practice: "streaming"}, "2026-10") {
			t.Errorf("after taking October again: %+v", ms)
		}
	})
}
