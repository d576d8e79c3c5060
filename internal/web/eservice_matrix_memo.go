package web

import (
	"html/template"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// matrixMemo keeps what the matrix page derives from the kept grid: the figures per
// service and per municipality and the rows' cell HTML. A signed-in matrix page is rendered
// for each request, and these were a third of its time (BenchmarkSignedInPages' profile);
// they change only when the grid does, and the store hands out a new grid on every change
// to a cell, never an edited one, so a part made from this grid is as fresh as the grid.
//
// Only parts of the newest grid are kept, at most matrixMemoSize filters of it (each the
// size of the page's table, a few hundred kilobytes): the next grid drops them all.
type matrixMemo struct {
	mu    sync.Mutex
	parts []*matrixParts // oldest first
}

const matrixMemoSize = 8

type matrixParts struct {
	grid   eservice.Grid // held, so that its address cannot name another grid
	key    string
	stats  []eservice.ServiceStats
	cells  []template.HTML
	mstats []eservice.MunicipalityStats
}

// matrixKey names what the parts depend on besides the grid: the rows (their order and
// populations) and the columns.
func matrixKey(ms []municipality.Municipality, services []eservice.Service) string {
	var b strings.Builder
	b.Grow(len(ms)*16 + len(services)*10)
	for _, m := range ms {
		b.WriteString(m.EHAK)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(m.Population))
		b.WriteByte(',')
	}
	b.WriteByte('|')
	for _, s := range services {
		b.WriteString(s.Code)
		b.WriteByte(',')
	}
	return b.String()
}

func sameGrid(a, b eservice.Grid) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

// get returns the parts for g, ms and services, made now if no request made them first.
// They are shared: callers only read them.
func (m *matrixMemo) get(g eservice.Grid, ms []municipality.Municipality, services []eservice.Service) *matrixParts {
	key := matrixKey(ms, services)
	m.mu.Lock()
	for _, p := range m.parts {
		if p.key == key && sameGrid(p.grid, g) {
			m.mu.Unlock()
			return p
		}
	}
	m.mu.Unlock()
	p := &matrixParts{grid: g, key: key, stats: make([]eservice.ServiceStats, len(services)),
		cells: make([]template.HTML, len(ms)), mstats: make([]eservice.MunicipalityStats, len(ms))}
	for i, s := range services {
		p.stats[i] = g.StatsOf(s.Code, ms)
	}
	for i, mu := range ms {
		p.mstats[i] = g.MunicipalityStatsOf(mu.EHAK, services)
		p.cells[i] = matrixCells(g, mu.EHAK, services)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.parts) > 0 && !sameGrid(m.parts[len(m.parts)-1].grid, g) {
		m.parts = nil // made from an older grid: never asked for again
	}
	if len(m.parts) == matrixMemoSize {
		m.parts = m.parts[1:]
	}
	m.parts = append(m.parts, p)
	return p
}
