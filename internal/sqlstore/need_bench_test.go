package sqlstore_test

import (
	"fmt"
	"testing"

	"kovit/internal/need"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The load (sqlstoretest.ManyNeeds): 3,000 needs from 79 municipalities, written
// about a few dozen topics, 2,400 of them submitted and grouped into 300 consolidated
// needs of 8.

func BenchmarkSimilarNeeds(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			ids := sqlstoretest.ManyNeeds(b, s)
			ctx := coordinatorCtx()
			if _, err := s.Similar(ctx, ids[0], 10); err != nil { // builds the index once
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				if _, err := s.Similar(ctx, ids[i%len(ids)], 10); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkSimilarNeedsAfterChange times the first suggestion after a need's text
// changed: the in-memory needs are read again and the index updated.
func BenchmarkSimilarNeedsAfterChange(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			ids := sqlstoretest.ManyNeeds(b, s)
			ctx := coordinatorCtx()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				n, err := s.Need(ctx, ids[2500+i%500]) // a draft
				if err != nil {
					b.Fatal(err)
				}
				n.Description += fmt.Sprint(" muudetud ", i)
				if _, err := s.UpdateNeed(ctx, n); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := s.Similar(ctx, ids[i%len(ids)], 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPriorities(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			s := sqlstoretest.New(b, engine)
			sqlstoretest.ManyNeeds(b, s)
			ctx := coordinatorCtx()
			for b.Loop() {
				ranked, err := s.Priorities(ctx, need.ConsolidatedFilter{})
				if err != nil || len(ranked) != 300 {
					b.Fatal(len(ranked), err)
				}
			}
		})
	}
}
