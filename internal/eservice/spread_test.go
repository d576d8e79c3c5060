package eservice

import (
	"testing"

	"kovit/internal/municipality"
)

func TestSpread(t *testing.T) {
	ms := []municipality.Municipality{{EHAK: "1"}, {EHAK: "2"}}
	services := []Service{{Code: "A"}, {Code: "B"}}
	g := NewGrid([]Cell{
		{MunicipalityEHAK: "1", ServiceCode: "A", Offering: Offered, Level: 3},
		{MunicipalityEHAK: "2", ServiceCode: "A", Offering: Offered, Level: 2},
		{MunicipalityEHAK: "2", ServiceCode: "B", Offering: NotApplicable},
		{MunicipalityEHAK: "1", ServiceCode: "RETIRED", Offering: Offered, Level: 5},
	})
	// Of 2 × 2 pairs one does not apply; of the three left, one is online. The cell of a
	// service not counted, and the unfilled pair, count as the matrix counts them.
	if got := g.Spread(ms, services); got.Reached != 1 || got.Of != 3 {
		t.Errorf("Spread = %+v, want 1 of 3", got)
	}
	tallies := []SnapshotTally{
		{Month: "2026-10", ServiceCode: "A", Online: 1},
		{Month: "2026-11", ServiceCode: "A", Online: 2},
		{Month: "2026-11", ServiceCode: "B", NotApplicable: 1},
		{Month: "2026-11", ServiceCode: "RETIRED", Online: 2, NotApplicable: 3},
		{Month: "2026-09", ServiceCode: "A", Online: 2}, // before the months asked for
	}
	h := SpreadHistory([]string{"2026-10", "2026-11"}, tallies, len(ms), services)
	if len(h) != 2 || h[0].Reached != 1 || h[0].Of != 4 || h[1].Reached != 2 || h[1].Of != 3 || h[1].Month.Month() != 11 {
		t.Errorf("SpreadHistory = %+v", h)
	}
	if h[1].Share != 2.0/3 {
		t.Errorf("share %v", h[1].Share)
	}
}

// The totals give the figures the grid gives over every municipality.
func TestTotalsAsGrid(t *testing.T) {
	ms := []municipality.Municipality{{EHAK: "1", Population: 100}, {EHAK: "2", Population: 50}, {EHAK: "3", Population: 10}}
	services := []Service{{Code: "A"}, {Code: "B"}, {Code: "C"}}
	cells := []Cell{
		{MunicipalityEHAK: "1", ServiceCode: "A", Offering: Offered, Level: 4, Version: 1},
		{MunicipalityEHAK: "2", ServiceCode: "A", Offering: NotApplicable, Version: 1},
		{MunicipalityEHAK: "3", ServiceCode: "A", Offering: Offered, Level: 2, Version: 1},
		{MunicipalityEHAK: "2", ServiceCode: "B", Offering: Offered, Level: 3, Version: 1},
	}
	g := NewGrid(cells)
	var list []ServiceTotal
	for _, s := range services[:2] {
		st := ServiceTotal{Code: s.Code}
		for _, c := range cells {
			if c.ServiceCode != s.Code {
				continue
			}
			st.Filled++
			if c.Offering == NotApplicable {
				st.NotApplicable++
			} else if c.Level >= Online {
				st.Online++
				for _, m := range ms {
					if m.EHAK == c.MunicipalityEHAK {
						st.PopulationOnline += int64(m.Population)
					}
				}
			}
		}
		list = append(list, st)
	}
	totals := NewTotals(list)
	if totals.Filled != g.Len() {
		t.Errorf("filled %d, grid has %d", totals.Filled, g.Len())
	}
	if got, want := totals.Spread(len(ms), services), g.Spread(ms, services); got != want {
		t.Errorf("spread %+v, grid says %+v", got, want)
	}
	for _, s := range services {
		if got, want := totals.StatsOf(s.Code, len(ms), 160), g.StatsOf(s.Code, ms); got != want {
			t.Errorf("%s: %+v, grid says %+v", s.Code, got, want)
		}
	}
}
