package sqlstore_test

import (
	"context"
	"math"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestIndicatorFromRecords: an indicator may follow the records scale, as others follow the
// e-service matrix: a level the scale lacks is refused, the source is stored, and every
// snapshot measures the share of the 79 municipalities at that level or above, replacing
// its own value when the month is taken again and leaving the matrix's indicators theirs.
func TestIndicatorFromRecords(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		st := newStrategy(t, s, ctx)
		in := plan.Indicator{StrategyID: st.ID, NameEt: "Dokumendivahetus DHX kaudu", Unit: "%", Better: plan.HigherIsBetter,
			FromMatrix: &plan.MatrixSource{Scale: plan.ScaleRecords, Level: 9}}
		if _, err := s.CreateIndicator(ctx, in); !kovit.FieldsOf(err).Has("from_matrix.level") {
			t.Fatalf("level 9 of the records scale: %v", err)
		}
		in.FromMatrix.Level = 3
		ind, err := s.CreateIndicator(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Indicator(ctx, ind.ID); got.FromMatrix == nil || !got.FromMatrix.Records() || got.FromMatrix.Level != 3 || got.FromMatrix.ServiceCode != "" {
			t.Fatalf("source not stored: %+v", got.FromMatrix)
		}
		matrix, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Sünnitoetus", Unit: "%", Better: plan.HigherIsBetter,
			FromMatrix: &plan.MatrixSource{Scale: plan.ScaleEService, ServiceCode: "SOC-001", Level: 3}})
		if err != nil || matrix.FromMatrix.Scale != "" || matrix.FromMatrix.ServiceCode != "SOC-001" {
			t.Fatalf("an e-service source beside it: %+v %v", matrix.FromMatrix, err)
		}
		save := func(ehak string, met []int64) {
			t.Helper()
			p, err := s.RecordsProfile(ctx, ehak)
			if err != nil {
				t.Fatal(err)
			}
			p.DHX, p.RegisterURL, p.Met = landscape.DHXDirect, "https://example.ee/register", met
			if _, err := s.SaveRecordsProfile(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		save("0171", []int64{1, 2, 3, 4})
		save("0793", []int64{1, 2, 3, 4, 5, 6, 7, 8})
		save("0784", []int64{1, 2}) // level 1: not counted
		if err := s.TakeSnapshot(ctx, "2026-10"); err != nil {
			t.Fatal(err)
		}
		ms, err := s.Measurements(ctx, ind.ID)
		if err != nil || len(ms) != 1 || math.Abs(ms[0].Value-200.0/79) > 1e-9 || ms[0].Date.Format("2006-01-02") != "2026-10-31" ||
			ms[0].Source != "kovit records management 2026-10: level ≥ 3" {
			t.Fatalf("after the snapshot: %+v %v", ms, err)
		}
		if ms, _ := s.Measurements(ctx, matrix.ID); len(ms) != 1 || ms[0].Value != 0 {
			t.Errorf("the e-service indicator: %+v", ms)
		}
		save("0784", []int64{1, 2, 3, 4})
		if err := s.TakeSnapshot(ctx, "2026-10"); err != nil {
			t.Fatal(err)
		}
		if ms, _ := s.Measurements(ctx, ind.ID); len(ms) != 1 || math.Abs(ms[0].Value-300.0/79) > 1e-9 {
			t.Errorf("after taking October again: %+v", ms)
		}
	})
}
