package sqlstore_test

import (
	"encoding/json"
	"math"
	"slices"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// Saving the weights: they are stored with a new version, audited, and the ranking
// follows them; bad weights name their field and change nothing, and a stale save
// loses to the first.
func TestSetWeights(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		// wide is asked for by three municipalities, fit serves the strategy best.
		var wideIDs []int64
		for _, ehak := range []string{"0793", "0171", "0899"} {
			wideIDs = append(wideIDs, mustNeed(t, s, ctx, ehak, "Ühine arhiiv", euros(1000), true).ID)
		}
		wide, err := s.CreateConsolidated(ctx, need.Consolidated{Title: "Lai", Category: need.CatSharedSystem, StrategyFit: 1}, wideIDs)
		if err != nil {
			t.Fatal(err)
		}
		fit, err := s.CreateConsolidated(ctx, need.Consolidated{Title: "Sobiv", Category: need.CatSharedSystem, StrategyFit: 5},
			[]int64{mustNeed(t, s, ctx, "0567", "Strateegiline", euros(1000), true).ID})
		if err != nil {
			t.Fatal(err)
		}
		first := func() int64 {
			t.Helper()
			ranked, err := s.Priorities(ctx, need.ConsolidatedFilter{})
			if err != nil || len(ranked) != 2 {
				t.Fatalf("priorities: %v %v", ranked, err)
			}
			return ranked[0].Consolidated.ID
		}

		w, err := s.Weights(ctx)
		if err != nil || w.Municipalities != 1 || w.Version < 1 {
			t.Fatalf("initial weights %+v %v", w, err)
		}
		onlyMunicipalities := need.Weights{Municipalities: 10, Version: w.Version}
		saved, err := s.SetWeights(ctx, onlyMunicipalities)
		if err != nil || saved.Version != w.Version+1 || saved.Municipalities != 10 || saved.StrategyFit != 0 {
			t.Fatalf("save: %+v %v", saved, err)
		}
		if got, _ := s.Weights(ctx); got != saved {
			t.Errorf("read back %+v, want %+v", got, saved)
		}
		if first() != wide.ID {
			t.Error("weighing only the municipalities does not rank the wider need first")
		}
		evs := events(t, s, "need_weights", "1")
		if len(evs) != 1 || evs[0].Action != "update" || evs[0].ActorName != "Kati Koordinaator" {
			t.Fatalf("audit %+v", evs)
		}
		var before, after need.Weights
		if json.Unmarshal(evs[0].Before, &before) != nil || json.Unmarshal(evs[0].After, &after) != nil ||
			before.StrategyFit != 1 || after.Municipalities != 10 || after.StrategyFit != 0 {
			t.Errorf("audited %s → %s", evs[0].Before, evs[0].After)
		}

		if _, err := s.SetWeights(ctx, need.Weights{StrategyFit: 3, Version: saved.Version}); err != nil {
			t.Fatal(err)
		}
		if first() != fit.ID {
			t.Error("weighing only the strategy fit does not rank the fitting need first")
		}
		current, _ := s.Weights(ctx)

		for _, c := range []struct {
			w     need.Weights
			field string
		}{
			{need.Weights{Municipalities: 1, Population: -1, Version: current.Version}, "population"},
			{need.Weights{Municipalities: 1, Urgency: 101, Version: current.Version}, "urgency"},
			{need.Weights{Municipalities: 1, CostEfficiency: math.NaN(), Version: current.Version}, "cost_efficiency"},
			{need.Weights{Version: current.Version}, "municipalities"},
		} {
			_, err := s.SetWeights(ctx, c.w)
			if kovit.ErrorCode(err) != kovit.EInvalid || !slices.Contains(fieldNames(err), c.field) {
				t.Errorf("%+v: %v, want a problem of %s", c.w, err, c.field)
			}
		}
		if _, err := s.SetWeights(ctx, need.Weights{Municipalities: 1, Version: saved.Version}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale save: %v, want a conflict", err)
		}
		if got, _ := s.Weights(ctx); got != current || first() != fit.ID || len(events(t, s, "need_weights", "1")) != 2 {
			t.Errorf("refused saves changed the weights: %+v, want %+v", got, current)
		}
	})
}
