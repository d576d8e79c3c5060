package sqlstore_test

import (
	"fmt"
	"testing"
	"time"

	"kovit/internal/plan"
	"kovit/internal/refdata"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkLoadTree loads the large plan: 1,000 activities under 5 goals × 4 action
// directions, 20 of them joint with all 79 municipalities (1,580 participants).
func BenchmarkLoadTree(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			id := largePlan(b, s)
			b.ReportAllocs()
			for b.Loop() {
				tree, err := s.StrategyTree(coordinatorCtx(), id)
				if err != nil || len(tree.Nodes) != 1025 || len(tree.Participants) != 1580 {
					b.Fatal(len(tree.Nodes), len(tree.Participants), err)
				}
			}
		})
	}
}

func largePlan(b testing.TB, s *sqlstore.Store) int64 {
	ctx := coordinatorCtx()
	ms, err := refdata.Municipalities()
	if err != nil {
		b.Fatal(err)
	}
	st, err := s.CreateStrategy(ctx, plan.Strategy{TitleEt: "Suur kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted})
	if err != nil {
		b.Fatal(err)
	}
	node := func(parent *int64, kind plan.Kind, code string) plan.Node {
		n, err := s.CreateNode(ctx, plan.Node{StrategyID: st.ID, ParentID: parent, Kind: kind, Code: code, TitleEt: "Osa " + code,
			InternalNote: "märkus", Completion: len(code) * 7 % 100})
		if err != nil {
			b.Fatal(err)
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
							b.Fatal(err)
						}
					}
				}
				activities++
			}
		}
	}
	return st.ID
}

// BenchmarkCompleteReport freezes the large plan with 5,000 indicator values (a
// broken-down indicator with 50 reports from each of the 79 municipalities, five national
// ones with 210 each) into a report. The target is under a second.
func BenchmarkCompleteReport(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			id := largePlan(b, s)
			indicatorValues(b, s, id)
			ctx := coordinatorCtx()
			b.ReportAllocs()
			for b.Loop() {
				r, err := s.OpenReport(ctx, plan.Report{StrategyID: id, TitleEt: "Aruanne", PeriodStart: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
					PeriodEnd: time.Date(2030, 12, 31, 0, 0, 0, 0, time.UTC)})
				if err != nil {
					b.Fatal(err)
				}
				done, err := s.CompleteReport(ctx, r.ID, r.Version)
				if err != nil || len(done.Frozen.Nodes) != 1025 || len(done.Frozen.Participants) != 1580 ||
					len(done.Frozen.Indicators[0].Municipalities) != 79 {
					b.Fatal(err)
				}
			}
		})
	}
}

// indicatorValues adds the benchmark's 5,000 values to strategy id.
func indicatorValues(b testing.TB, s *sqlstore.Store, id int64) {
	ctx := coordinatorCtx()
	ms, err := refdata.Municipalities()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	add := func(m plan.Measurement) {
		if _, err := s.AddMeasurement(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
	mean, err := s.CreateIndicator(ctx, plan.Indicator{StrategyID: id, NameEt: "Keskmine", Better: plan.HigherIsBetter, Breakdown: plan.Mean})
	if err != nil {
		b.Fatal(err)
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
			b.Fatal(err)
		}
		for day := range 210 {
			add(plan.Measurement{IndicatorID: ind.ID, Value: float64(day), Date: start.AddDate(0, 0, day)})
		}
	}
}
