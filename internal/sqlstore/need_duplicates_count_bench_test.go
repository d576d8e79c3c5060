package sqlstore_test

import (
	"context"
	"fmt"
	"testing"

	"kovit/internal/need"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// listedOnly hides the store's kept count, so need.CountQueued lists the pairs and checks
// each, as the navigation's count did on every page before the count was kept.
type listedOnly struct{ s *sqlstore.Store }

func (l listedOnly) SuggestedDuplicates(ctx context.Context) ([]need.DuplicatePair, error) {
	return l.s.SuggestedDuplicates(ctx)
}

// BenchmarkQueuedDuplicateCount is the navigation's duplicate count for a coordinator over
// 150 alike submitted needs (their likely pairs capped at need.MaxLikelyPairs): listed
// and checked pair by pair, against the kept count.
func BenchmarkQueuedDuplicateCount(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			ctx := coordinatorCtx()
			ehaks := []string{"0793", "0784", "0624", "0296", "0198"}
			for i := range 150 {
				n, err := s.CreateNeed(ctx, need.Need{MunicipalityEHAK: ehaks[i%len(ehaks)], Title: "Dokumendihaldussüsteemi uuendamine",
					Description: fmt.Sprintf("Vana dokumendihaldussüsteem vajab asendamist pilvelahendusega (%d).", i), Category: need.CatRecords})
				if err == nil {
					_, err = s.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version})
				}
				if err != nil {
					b.Fatal(err)
				}
			}
			everyone := need.ReadRule(func(string, bool) bool { return true })
			for _, q := range []struct {
				name string
				q    need.DuplicateQueue
			}{{"listed", listedOnly{s}}, {"kept", s}} {
				n, err := need.CountQueued(ctx, q.q, everyone)
				if err != nil || n < 1000 {
					b.Fatalf("%s: %d pairs, %v", q.name, n, err)
				}
				b.Run(q.name, func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						if _, err := need.CountQueued(ctx, q.q, everyone); err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		})
	}
}
