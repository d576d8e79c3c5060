package web

import (
	"reflect"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// TestMatrixMemo: the matrix page's parts are made once per grid, rows and columns, are
// what the page would compute itself, and a new grid (any change to a cell) makes them anew
// and drops the old grid's; the memo holds at most matrixMemoSize filters.
func TestMatrixMemo(t *testing.T) {
	ms := []municipality.Municipality{{EHAK: "0784", Population: 450000}, {EHAK: "0793", Population: 97000}}
	services := []eservice.Service{{Code: "SOC-001"}, {Code: "EDU-002"}}
	level := func(ehak, code string, l int) eservice.Cell {
		return eservice.Cell{MunicipalityEHAK: ehak, ServiceCode: code, Offering: eservice.Offered, Level: l, Version: 1}
	}
	g1 := eservice.NewGrid([]eservice.Cell{level("0784", "SOC-001", 3), level("0793", "EDU-002", 1)})
	want := func(g eservice.Grid, ms []municipality.Municipality, services []eservice.Service) *matrixParts {
		p := &matrixParts{}
		for _, s := range services {
			p.stats = append(p.stats, g.StatsOf(s.Code, ms))
		}
		for _, m := range ms {
			p.mstats = append(p.mstats, g.MunicipalityStatsOf(m.EHAK, services))
			p.cells = append(p.cells, matrixCells(g, m.EHAK, services))
		}
		return p
	}
	same := func(what string, got, want *matrixParts) {
		t.Helper()
		if !reflect.DeepEqual(got.stats, want.stats) || !reflect.DeepEqual(got.mstats, want.mstats) || !reflect.DeepEqual(got.cells, want.cells) {
			t.Errorf("%s: %+v, want %+v", what, got, want)
		}
	}
	var m matrixMemo
	a := m.get(g1, ms, services)
	same("first", a, want(g1, ms, services))
	if b := m.get(g1, ms, services); b != a {
		t.Error("the same grid, rows and columns made the parts again")
	}
	fewer := services[:1]
	same("other columns", m.get(g1, ms, fewer), want(g1, ms, fewer))
	moved := []municipality.Municipality{ms[0], {EHAK: "0793", Population: 98000}}
	same("another population", m.get(g1, moved, services), want(g1, moved, services))

	g2 := eservice.NewGrid([]eservice.Cell{level("0784", "SOC-001", 4), level("0793", "EDU-002", 1)})
	c := m.get(g2, ms, services)
	if c == a {
		t.Fatal("a new grid was answered from the old one's parts")
	}
	same("new grid", c, want(g2, ms, services))
	if len(m.parts) != 1 {
		t.Errorf("%d parts kept after a new grid, want only its own", len(m.parts))
	}
	for i := range 2 * matrixMemoSize {
		filtered := []municipality.Municipality{{EHAK: "0784", Population: i}}
		m.get(g2, filtered, services)
	}
	if len(m.parts) != matrixMemoSize {
		t.Errorf("%d parts kept, want at most %d", len(m.parts), matrixMemoSize)
	}
}
