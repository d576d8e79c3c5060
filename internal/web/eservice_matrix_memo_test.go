package web

import (
	"reflect"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// TestMatrixMemo: the matrix page's parts are made once per cells' version, rows and
// columns, are what the page would compute itself, and a new version (any change to a
// cell) makes them anew and drops the old version's; the memo holds at most
// matrixMemoSize filters.
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
	made := 0
	get := func(version uint64, g eservice.Grid, ms []municipality.Municipality, services []eservice.Service) *matrixParts {
		t.Helper()
		p, err := m.get(version, matrixKey(ms, services), func() (*matrixParts, error) {
			made++
			return newMatrixParts(g, ms, services), nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	a := get(1, g1, ms, services)
	same("first", a, want(g1, ms, services))
	if b := get(1, g1, ms, services); b != a || made != 1 {
		t.Errorf("the same version, rows and columns made the parts again (%d made)", made)
	}
	fewer := services[:1]
	same("other columns", get(1, g1, ms, fewer), want(g1, ms, fewer))
	moved := []municipality.Municipality{ms[0], {EHAK: "0793", Population: 98000}}
	same("another population", get(1, g1, moved, services), want(g1, moved, services))

	g2 := eservice.NewGrid([]eservice.Cell{level("0784", "SOC-001", 4), level("0793", "EDU-002", 1)})
	c := get(2, g2, ms, services)
	if c == a {
		t.Fatal("a new version was answered from the old one's parts")
	}
	same("new version", c, want(g2, ms, services))
	if len(m.parts) != 1 {
		t.Errorf("%d parts kept after a new version, want only its own", len(m.parts))
	}
	// A request that read the cells before the change made its parts after the newer
	// version's: they are its own, and not kept over the newer ones.
	if old := get(1, g1, ms, services); old == c || len(m.parts) != 1 || m.parts[0] != c {
		t.Errorf("an older version's parts were kept beside the newer ones: %d parts", len(m.parts))
	}
	// Version zero names no cells: made for each call, never kept.
	before := made
	get(0, g2, ms, services)
	get(0, g2, ms, services)
	if made != before+2 || len(m.parts) != 1 {
		t.Errorf("version 0: %d made, %d parts kept; want 2 made, 1 kept", made-before, len(m.parts))
	}
	for i := range 2 * matrixMemoSize {
		filtered := []municipality.Municipality{{EHAK: "0784", Population: i}}
		get(2, g2, filtered, services)
	}
	if len(m.parts) != matrixMemoSize {
		t.Errorf("%d parts kept, want at most %d", len(m.parts), matrixMemoSize)
	}
}
