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

// TestAdoptionOfOneLevel is the service page's history: one level's share, month by month.
func TestAdoptionOfOneLevel(t *testing.T) {
	snaps := []SnapshotCell{
		{Month: "2026-01", MunicipalityEHAK: "a", Offering: Offered, Level: 3},
		{Month: "2026-01", MunicipalityEHAK: "b", Offering: NotApplicable},
		{Month: "2026-02", MunicipalityEHAK: "a", Offering: Offered, Level: 4},
		{Month: "2026-02", MunicipalityEHAK: "c", Offering: Offered, Level: 3},
		{Month: "2026-02", MunicipalityEHAK: "d", Offering: Offered, Level: 2},
	}
	// Four municipalities; "2025-12" has a snapshot without this service's cells: all at 0.
	ms := []municipality.Municipality{{EHAK: "a"}, {EHAK: "b"}, {EHAK: "c"}, {EHAK: "d"}}
	series, _ := AdoptionOf([]string{"2025-12", "2026-01", "2026-02"}, snaps, ms, []int{3})
	got := series[0].Items
	var shares []float64
	var counts [][2]int
	for _, p := range got {
		shares = append(shares, p.Share)
		counts = append(counts, [2]int{p.Reached, p.Of})
	}
	if diff := cmp.Diff([]float64{0, 1.0 / 3, 0.5}, shares); diff != "" {
		t.Errorf("shares (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([][2]int{{0, 4}, {1, 3}, {2, 4}}, counts); diff != "" {
		t.Errorf("counts (-want +got):\n%s", diff)
	}
}
