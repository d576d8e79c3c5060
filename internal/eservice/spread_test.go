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
