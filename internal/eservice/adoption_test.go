package eservice

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/municipality"
)

func TestAdoptionOf(t *testing.T) {
	ms := []municipality.Municipality{{EHAK: "A", Population: 1000}, {EHAK: "B", Population: 3000}, {EHAK: "C", Population: 6000}}
	months := []string{"2026-08", "2026-09", "2026-10"}
	snaps := []SnapshotCell{
		// August: nobody had filled the cell in.
		{Month: "2026-09", MunicipalityEHAK: "A", Offering: Offered, Level: 3},
		{Month: "2026-09", MunicipalityEHAK: "B", Offering: NotApplicable},
		{Month: "2026-10", MunicipalityEHAK: "A", Offering: Offered, Level: 5},
		{Month: "2026-10", MunicipalityEHAK: "B", Offering: Offered, Level: 1},
		{Month: "2026-10", MunicipalityEHAK: "C", Offering: Offered, Level: 4},
		// Neither a municipality of ms nor a month asked for: left out.
		{Month: "2026-10", MunicipalityEHAK: "X", Offering: Offered, Level: 5},
		{Month: "2026-11", MunicipalityEHAK: "A", Offering: Offered, Level: 5},
	}
	series, population := AdoptionOf(months, snaps, ms, []int{1, 3, 5})
	shares := func(items []MonthShare) []float64 {
		var out []float64
		for _, p := range items {
			out = append(out, p.Share)
		}
		return out
	}
	got := map[int][]float64{}
	for _, s := range series {
		got[s.Level] = shares(s.Items)
	}
	want := map[int][]float64{1: {0, 1.0 / 2, 1}, 3: {0, 1.0 / 2, 2.0 / 3}, 5: {0, 0, 1.0 / 3}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("shares by level (-want +got)\n%s", diff)
	}
	if diff := cmp.Diff([]float64{0, 0.1, 0.7}, shares(population)); diff != "" {
		t.Errorf("population online (-want +got)\n%s", diff)
	}
	if m := population[2].Month; !m.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("month %v", m)
	}

	// No snapshots yet: empty series, not null ones.
	series, population = AdoptionOf(nil, nil, ms, []int{3})
	if len(series) != 1 || series[0].Items == nil || population == nil {
		t.Errorf("no history: %+v %+v", series, population)
	}
}
