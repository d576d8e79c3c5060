package sqlstore_test

import (
	"fmt"
	"testing"

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
