package sqlstore_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestIndicators(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		st := newStrategy(t, s, ctx)
		goal := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, Kind: plan.Goal, Code: "1", TitleEt: "Eesmärk"})
		act := mustNode(t, s, ctx, plan.Node{StrategyID: st.ID, ParentID: &goal.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Tegevus"})

		national, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NameEt: "Rahulolu e-teenustega", Unit: "%",
			Better: plan.HigherIsBetter, Baseline: &plan.Point{Value: 41.5, Date: *planDay("2025-01-01")},
			Targets: []plan.Point{{Value: 80, Date: *planDay("2030-12-31")}, {Value: 60, Date: *planDay("2027-12-31")}}})
		if err != nil {
			t.Fatal(err)
		}
		if national.Baseline.Value != 41.5 || !national.Baseline.Date.Equal(*planDay("2025-01-01")) || len(national.Targets) != 2 ||
			national.Targets[0].Value != 60 || national.NodeID != nil || national.Version != 1 {
			t.Errorf("created %+v", national)
		}
		perMunicipality, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NodeID: &goal.ID, NameEn: "Municipalities with a DPO",
			Unit: "%", Better: plan.HigherIsBetter, Breakdown: plan.Share})
		if err != nil || *perMunicipality.NodeID != goal.ID || perMunicipality.Position != 1 || perMunicipality.Targets == nil {
			t.Fatalf("broken down %+v %v", perMunicipality, err)
		}
		if _, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: st.ID, NodeID: &act.ID, NameEt: "x", Better: plan.LowerIsBetter}); !kovit.FieldsOf(err).Has("node_id") {
			t.Errorf("indicator on an activity: %v", err)
		}

		// National values on the national indicator, municipalities' on the other.
		m1, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: national.ID, Value: 52, Date: *planDay("2026-06-30"), Source: "Küsitlus 2026"})
		if err != nil || m1.Version != 1 || m1.UpdatedBy != "Kati Koordinaator" {
			t.Fatalf("measurement %+v %v", m1, err)
		}
		if _, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: national.ID, MunicipalityEHAK: "0793", Value: 1, Date: *planDay("2026-06-30")}); !kovit.FieldsOf(err).Has("municipality_ehak") {
			t.Errorf("municipality value on a national indicator: %v", err)
		}
		if _, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: perMunicipality.ID, MunicipalityEHAK: "9999", Value: 1, Date: *planDay("2026-06-30")}); !kovit.FieldsOf(err).Has("municipality_ehak") {
			t.Errorf("unknown municipality: %v", err)
		}
		for _, ehak := range []string{"0793", "0784"} {
			if _, err := s.AddMeasurement(ctx, plan.Measurement{IndicatorID: perMunicipality.ID, MunicipalityEHAK: ehak, Value: 1, Date: *planDay("2026-06-30")}); err != nil {
				t.Fatal(err)
			}
		}
		ms, err := s.Measurements(ctx, perMunicipality.ID)
		if err != nil || len(ms) != 2 {
			t.Fatalf("measurements %v %v", ms, err)
		}
		if series := perMunicipality.Series(ms, 79); len(series) != 1 || series[0].Value != 100*2.0/79 {
			t.Errorf("national share %v", series)
		}

		// Locking and the breakdown rule.
		m1.Value = 55
		if m1, err = s.UpdateMeasurement(ctx, m1); err != nil || m1.Value != 55 || m1.Version != 2 {
			t.Fatalf("update measurement %+v %v", m1, err)
		}
		m1.Version = 1
		if _, err := s.UpdateMeasurement(ctx, m1); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale measurement: %v", err)
		}
		perMunicipality.Breakdown = plan.NoBreakdown
		if _, err := s.UpdateIndicator(ctx, perMunicipality); !kovit.FieldsOf(err).Has("breakdown") {
			t.Errorf("breakdown switched off under values: %v", err)
		}
		perMunicipality.Breakdown, perMunicipality.Better = plan.Sum, plan.LowerIsBetter
		updated, err := s.UpdateIndicator(ctx, perMunicipality)
		if err != nil || updated.Version != 2 || updated.Breakdown != plan.Sum {
			t.Fatalf("update indicator %+v %v", updated, err)
		}
		if _, err := s.UpdateIndicator(ctx, perMunicipality); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale indicator: %v", err)
		}

		tree, err := s.StrategyTree(ctx, st.ID)
		if err != nil || len(tree.Indicators) != 2 || tree.Indicators[0].ID != national.ID {
			t.Fatalf("tree indicators %+v %v", tree.Indicators, err)
		}
		if err := s.DeleteNode(ctx, goal.ID, goal.Version); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("goal with an indicator deleted: %v", err)
		}

		if got, err := s.Measurement(ctx, m1.ID); err != nil || got.Value != 55 || got.IndicatorID != national.ID {
			t.Errorf("measurement %+v %v", got, err)
		}
		if err := s.DeleteMeasurement(ctx, m1.ID, 2); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteIndicator(ctx, updated.ID, updated.Version); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Indicator(ctx, updated.ID); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("deleted indicator: %v", err)
		}
		if _, err := s.Measurement(ctx, m1.ID); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("deleted measurement: %v", err)
		}
		if left, _ := s.Measurements(ctx, updated.ID); len(left) != 0 {
			t.Errorf("values outlived their indicator: %d", len(left))
		}
		evs := events(t, s, "indicator", itoa(updated.ID))
		if !cmp.Equal(actions(evs), []string{audit.Delete, audit.Update, audit.Create}) || strings.Count(string(evs[0].Before), `"municipality_ehak"`) != 2 {
			t.Errorf("indicator events %v %s", actions(evs), evs[0].Before)
		}
		if got := actions(events(t, s, "measurement", itoa(m1.ID))); !cmp.Equal(got, []string{audit.Delete, audit.Update, audit.Create}) {
			t.Errorf("measurement events %v", got)
		}
	})
}
