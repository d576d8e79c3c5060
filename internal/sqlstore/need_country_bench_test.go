package sqlstore_test

import (
	"runtime"
	"testing"

	"kovit/internal/need"
)

// BenchmarkCountryNeedsMemory measures what the kept needs (the copy every needs list
// reads) and their similarity index hold on the heap, against the budget of 1 GB
// resident for the whole process on the large country (see BenchmarkCountry for
// KOVIT_BENCH_COUNTRY). Each figure is the live heap after a collection, before and after
// loading the copy and then building the index; the loop times one suggestion.
func BenchmarkCountryNeedsMemory(b *testing.B) {
	s, _ := countryStore(b)
	ctx := coordinatorCtx()
	heap := func() float64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return float64(m.HeapAlloc) / (1 << 20)
	}
	before := heap()
	needs, _, err := s.ListNeeds(ctx, need.Filter{Limit: 100})
	if err != nil || len(needs) == 0 {
		b.Fatal(err)
	}
	loaded := heap()
	if _, err := s.Similar(ctx, needs[0].ID, 10); err != nil {
		b.Fatal(err)
	}
	indexed := heap()
	i := 0
	for b.Loop() {
		if _, err := s.Similar(ctx, needs[i%len(needs)].ID, 10); err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.ReportMetric(loaded-before, "MB-needs")
	b.ReportMetric(indexed-loaded, "MB-index")
	b.ReportMetric(indexed, "MB-heap")
}
