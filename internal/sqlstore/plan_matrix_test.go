package sqlstore_test

import (
	"context"
	"math"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestIndicatorFromMatrix: an indicator that follows the e-service matrix is measured at
// every snapshot, and a snapshot taken again replaces its own value.
func TestIndicatorFromMatrix(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		// An adopted strategy: the seeded ones are archived, so read-only.
		st := newStrategy(t, s, ctx)
		ind, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Sünnitoetus e-teenusena",
			Unit: "%", Better: plan.HigherIsBetter, FromMatrix: &plan.MatrixSource{ServiceCode: "SOC-001", Level: 3}})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Indicator(ctx, ind.ID); got.FromMatrix == nil || got.FromMatrix.ServiceCode != "SOC-001" || got.FromMatrix.Level != 3 {
			t.Fatalf("source not stored: %+v", got.FromMatrix)
		}
		online := eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 3)}
		for _, ehak := range []string{"0793", "0784"} {
			if _, err := s.SaveCell(ctx, ehak, "SOC-001", online); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.TakeSnapshot(ctx, "2026-10"); err != nil {
			t.Fatal(err)
		}
		ms, err := s.Measurements(ctx, ind.ID)
		if err != nil || len(ms) != 1 || math.Abs(ms[0].Value-200.0/79) > 1e-9 || ms[0].Date.Format("2006-01-02") != "2026-10-31" {
			t.Fatalf("after the snapshot: %+v %v", ms, err)
		}
		// A third municipality goes online and October is snapshotted again: one value, updated.
		if _, err := s.SaveCell(ctx, "0899", "SOC-001", online); err != nil {
			t.Fatal(err)
		}
		if err := s.TakeSnapshot(ctx, "2026-10"); err != nil {
			t.Fatal(err)
		}
		if ms, _ := s.Measurements(ctx, ind.ID); len(ms) != 1 || math.Abs(ms[0].Value-300.0/79) > 1e-9 {
			t.Errorf("after taking October again: %+v", ms)
		}
		if err := s.TakeSnapshot(ctx, "2026-11"); err != nil {
			t.Fatal(err)
		}
		if ms, _ := s.Measurements(ctx, ind.ID); len(ms) != 2 {
			t.Errorf("after November: %d values", len(ms))
		}
	})
}
