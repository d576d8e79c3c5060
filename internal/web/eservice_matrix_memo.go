package web

import (
	"html/template"
	"strconv"
	"strings"
	"sync"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// matrixMemo keeps what the matrix page derives from the kept cells: the figures per
// service and per municipality and the rows' cell HTML. A signed-in matrix page is rendered
// for each request, and these were a third of its time (BenchmarkSignedInPages' profile);
// on a large country, reading a region's grid from the level matrix and counting it were
// half of its region page's. They change only when the cells do, which the store's
// eservice.Totals.Version names, so a part made for one version is as fresh as the cells
// of that version; the page looks it up before reading any cell.
//
// Only parts of the newest version are kept, at most matrixMemoSize filters of it (each
// the size of the page's table, a few hundred kilobytes on Estonia's matrix, some two
// megabytes on a large country's region): the next version drops them all.
type matrixMemo struct {
	mu    sync.Mutex
	parts []*matrixParts // oldest first
}

const matrixMemoSize = 8

type matrixParts struct {
	version uint64
	key     string
	stats   []eservice.ServiceStats
	cells   []template.HTML
	mstats  []eservice.MunicipalityStats
	// every is the figures per service over every row the filter chose, when the page
	// shows a page of them and counted them all from one grid (eserviceMatrix's whole).
	every []eservice.ServiceStats
}

// matrixKey names what the parts depend on besides the cells: the rows (their order and
// populations) and the columns.
func matrixKey(ms []municipality.Municipality, services []eservice.Service) string {
	var b strings.Builder
	b.Grow(len(ms)*16 + len(services)*10)
	writeRowsKey(&b, ms)
	b.WriteByte('|')
	for _, s := range services {
		b.WriteString(s.Code)
		b.WriteByte(',')
	}
	return b.String()
}

func writeRowsKey(b *strings.Builder, ms []municipality.Municipality) {
	for _, m := range ms {
		b.WriteString(m.EHAK)
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(m.Population))
		b.WriteByte(',')
	}
}

// newMatrixParts derives the parts of ms × services from g.
func newMatrixParts(g eservice.Grid, ms []municipality.Municipality, services []eservice.Service) *matrixParts {
	p := &matrixParts{stats: make([]eservice.ServiceStats, len(services)),
		cells: make([]template.HTML, len(ms)), mstats: make([]eservice.MunicipalityStats, len(ms))}
	for i, s := range services {
		p.stats[i] = g.StatsOf(s.Code, ms)
	}
	for i, mu := range ms {
		p.mstats[i] = g.MunicipalityStatsOf(mu.EHAK, services)
		p.cells[i] = matrixCells(g, mu.EHAK, services)
	}
	return p
}

// get returns the parts of the cells' version and key, made now by build if no request
// made them first. They are shared: callers only read them. Version zero names no cells,
// so its parts are made for each call and not kept.
func (m *matrixMemo) get(version uint64, key string, build func() (*matrixParts, error)) (*matrixParts, error) {
	if version > 0 {
		m.mu.Lock()
		for _, p := range m.parts {
			if p.version == version && p.key == key {
				m.mu.Unlock()
				return p, nil
			}
		}
		m.mu.Unlock()
	}
	p, err := build()
	if err != nil || version == 0 {
		return p, err
	}
	p.version, p.key = version, key
	m.mu.Lock()
	defer m.mu.Unlock()
	if len(m.parts) > 0 {
		switch newest := m.parts[len(m.parts)-1].version; {
		case newest < version:
			m.parts = nil // made from older cells: never asked for again
		case newest > version:
			return p, nil // a request that read the cells before a change: not kept
		}
	}
	if len(m.parts) == matrixMemoSize {
		m.parts = m.parts[1:]
	}
	m.parts = append(m.parts, p)
	return p, nil
}
