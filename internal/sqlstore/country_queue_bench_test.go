package sqlstore_test

import (
	"testing"
	"time"

	"kovit/internal/eservice"
)

// BenchmarkCountryQueue times the coordinator desk's queue of cells to verify
// (VerificationQueue: the first 50 and the count) on the large country, as
// BenchmarkCountry does (KOVIT_BENCH_COUNTRY, or the country at Estonia's scale served as
// a large one): the whole queue, one region's, one area's and one region's area's. The
// level matrix's first read is reported apart (ms-levels), as the start reads it.
func BenchmarkCountryQueue(b *testing.B) {
	s, _ := countryStore(b)
	ctx := coordinatorCtx()
	if s.WholeCells == 0 {
		s.WholeCells = 1 // the fresh database's country at Estonia's scale, served as large
	}
	services, err := s.ListServices(ctx, false)
	if err != nil || len(services) == 0 {
		b.Fatal(err)
	}
	area := services[len(services)-1].Area
	start := time.Now()
	if _, err := s.Totals(ctx); err != nil {
		b.Fatal(err)
	}
	levels := time.Since(start)
	for _, c := range []struct {
		name string
		f    eservice.QueueFilter
	}{
		{"every", eservice.QueueFilter{}},
		{"region", eservice.QueueFilter{County: "DR01"}},
		{"area", eservice.QueueFilter{Area: area}},
		{"region-area", eservice.QueueFilter{County: "DR01", Area: area}},
	} {
		b.Run(c.name, func(b *testing.B) {
			c.f.Limit = 50
			n := 0
			for b.Loop() {
				cells, total, err := s.VerificationQueue(ctx, c.f)
				if err != nil || len(cells) == 0 {
					b.Fatal(err, total)
				}
				n = total
			}
			b.ReportMetric(float64(n), "cells")
			b.ReportMetric(float64(levels.Milliseconds()), "ms-levels")
		})
	}
}
