package sqlstoretest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/municipality"
	"kovit/internal/plan"
	"kovit/internal/refdata"
	"kovit/internal/sqlstore"
)

// LargePlan writes the action-plan issue's benchmark plan into s and returns its strategy's
// id: 1,000 activities under 5 goals × 4 action directions (1,025 nodes), 20 of the
// activities joint with all 79 municipalities (1,580 participants), and with values 5,000
// indicator values (a broken-down indicator with 50 reports from each municipality, and
// five national ones with 210 each). Made-up content, for benchmarks only.
func LargePlan(tb testing.TB, s *sqlstore.Store, values bool) int64 {
	tb.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Võrdlusandmed", Role: auth.RoleCoordinator, Active: true})
	ms, err := refdata.Municipalities()
	if err != nil {
		tb.Fatal(err)
	}
	st, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "Suur kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
	if err != nil {
		tb.Fatal(err)
	}
	node := func(parent *int64, kind plan.Kind, code string) plan.Node {
		n, err := s.CreateNode(ctx, plan.Node{StrategyID: st.ID, ParentID: parent, Kind: kind, Code: code, TitleEt: "Osa " + code,
			InternalNote: "märkus", Completion: len(code) * 7 % 100})
		if err != nil {
			tb.Fatal(err)
		}
		return n
	}
	activities := 0
	for g := 1; g <= 5; g++ {
		goal := node(nil, plan.Goal, fmt.Sprint(g))
		for d := 1; d <= 4; d++ {
			dir := node(&goal.ID, plan.Direction, fmt.Sprintf("%d.%d", g, d))
			for a := 1; a <= 50; a++ {
				act := node(&dir.ID, plan.Activity, fmt.Sprintf("%d.%d.%d", g, d, a))
				if activities%50 == 0 {
					for _, m := range ms {
						if _, err := s.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: m.EHAK}); err != nil {
							tb.Fatal(err)
						}
					}
				}
				activities++
			}
		}
	}
	if values {
		indicatorValues(ctx, tb, s, st.ID, ms)
	}
	return st.ID
}

func indicatorValues(ctx context.Context, tb testing.TB, s *sqlstore.Store, id int64, ms []municipality.Municipality) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(m plan.Measurement) {
		if _, err := s.AddMeasurement(ctx, m); err != nil {
			tb.Fatal(err)
		}
	}
	mean, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: id, NameEt: "Keskmine", Better: plan.HigherIsBetter, Breakdown: plan.Mean})
	if err != nil {
		tb.Fatal(err)
	}
	for week := range 50 {
		for i, m := range ms {
			add(plan.Measurement{IndicatorID: mean.ID, MunicipalityEHAK: m.EHAK, Value: float64(i + week), Date: start.AddDate(0, 0, 7*week)})
		}
	}
	for k := range 5 {
		ind, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: id, NameEt: fmt.Sprint("Näitaja ", k), Better: plan.LowerIsBetter,
			Targets: []plan.Point{{Value: 1, Date: start.AddDate(4, 0, 0)}}})
		if err != nil {
			tb.Fatal(err)
		}
		for day := range 210 {
			add(plan.Measurement{IndicatorID: ind.ID, Value: float64(day), Date: start.AddDate(0, 0, day)})
		}
	}
}
