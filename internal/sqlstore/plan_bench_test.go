package sqlstore_test

import (
	"testing"
	"time"

	"kovit/internal/plan"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkLoadTree loads the large plan: 1,000 activities under 5 goals × 4 action
// directions, 20 of them joint with all 79 municipalities (1,580 participants).
func BenchmarkLoadTree(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			id := sqlstoretest.LargePlan(b, s, false)
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

// BenchmarkCompleteReport freezes the large plan with 5,000 indicator values (a
// broken-down indicator with 50 reports from each of the 79 municipalities, five national
// ones with 210 each) into a report. The target is under a second.
func BenchmarkCompleteReport(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			id := sqlstoretest.LargePlan(b, s, true)
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
