package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"time"

	"kovit/internal/eservice"
)

// levelMatrix is the matrix of a country too large to keep whole (see cellCopy): only
// each cell's offering and level, a byte a cell, with rows and columns by municipality
// and service. At 10,800 municipalities × 600 services it is 6.5 MB where the whole
// cells took gigabytes, and it is what a matrix page, its figures and the peer medians
// need; a cell's other fields are read from the database by the primary key or the
// service's index (Cells).
type levelMatrix struct {
	rows, cols map[string]int
	cells      []byte // rows × cols: 0 never filled in, else levelFilled | offering<<4 | level, and levelSelfReported
	readFrom   time.Time
}

const (
	levelFilled = 0x80
	// levelSelfReported marks a cell awaiting a coordinator's verification, so the desk
	// counts a county's queue without reading its cells (cell_queue.go).
	levelSelfReported = 0x40
)

// levelOfferings are the offerings a byte can hold, by their index in it.
var levelOfferings = [4]eservice.Offering{eservice.Offered, eservice.NotOffered, eservice.NotApplicable, eservice.Unknown}

func levelByte(o eservice.Offering, level int, selfReported bool) byte {
	i := slices.Index(levelOfferings[:], o)
	if i < 0 {
		i = 3
	}
	b := levelFilled | byte(i)<<4 | byte(min(max(level, 0), 15))
	if selfReported {
		b |= levelSelfReported
	}
	return b
}

// cell is the cell of ehak and code with its offering and level only, and Version 1
// when it was filled in (0 when not): enough to draw and count it, never to write over it.
func (m *levelMatrix) cell(ehak, code string) eservice.Cell {
	r, ok := m.rows[ehak]
	c, ok2 := m.cols[code]
	if !ok || !ok2 || m.cells[r*len(m.cols)+c] == 0 {
		return eservice.UnknownCell(ehak, code)
	}
	b := m.cells[r*len(m.cols)+c]
	out := eservice.UnknownCell(ehak, code)
	out.Offering, out.Level, out.Version = levelOfferings[b>>4&3], int(b&0x0f), 1
	return out
}

// stats is each municipality's eservice.MunicipalityStats over services, counted from
// the bytes: every municipality's against every service's is 6.5 million cells at the
// large country's size, too many to make a Cell of each.
func (m *levelMatrix) stats(ehaks []string, services []eservice.Service) []eservice.MunicipalityStats {
	cols := make([]int, len(services))
	for i, s := range services {
		c, ok := m.cols[s.Code]
		if !ok {
			c = -1 // a service newer than the matrix: never filled in
		}
		cols[i] = c
	}
	na := levelFilled | byte(slices.Index(levelOfferings[:], eservice.NotApplicable))<<4
	out := make([]eservice.MunicipalityStats, len(ehaks))
	for i, e := range ehaks {
		var counts [16]int
		r, known := m.rows[e]
		for _, c := range cols {
			var b byte
			if known && c >= 0 {
				b = m.cells[r*len(m.cols)+c]
			}
			if b&(levelFilled|0x30) == na {
				continue // not applicable: left out, as MunicipalityStatsOf leaves it
			}
			counts[b&0x0f]++
		}
		st := eservice.MunicipalityStats{EHAK: e, Median: eservice.MedianOfCounts(counts[:])}
		for _, n := range counts[eservice.Online:] {
			st.Online += n
		}
		out[i] = st
	}
	return out
}

// levelSlack is how far before a load's start the next one reads cells again: a change
// saved (updated_at) before the load began but committed after it, or by a process whose
// clock runs behind, is read by the next load all the same.
const levelSlack = 5 * time.Minute

// loadLevels reads the level matrix at start, by the clock that stamps updated_at: when last is one, only the cells changed since it
// was read (by service_cells_updated) over a copy of it, else every cell. A changed cell
// of a municipality or service last does not know reads every cell again.
func loadLevels(ctx context.Context, q querier, start time.Time, last *levelMatrix) (*levelMatrix, error) {
	if last != nil {
		m := &levelMatrix{rows: last.rows, cols: last.cols, cells: slices.Clone(last.cells), readFrom: start}
		complete, err := m.read(ctx, q, ` WHERE updated_at >= ?`, last.readFrom.Add(-levelSlack))
		if err != nil {
			return m, err
		}
		// No level or offering changed (a copy read again after its expiry, or after a
		// change of something else a cell's kind covers): last stays, and with it its
		// Version and what pages keep of it. Its readFrom stays too, so the next read
		// starts from as far back as it would have.
		if complete && slices.Equal(m.cells, last.cells) {
			return last, nil
		}
		if complete {
			return m, nil
		}
	}
	m := &levelMatrix{rows: map[string]int{}, cols: map[string]int{}, readFrom: start}
	for _, list := range []struct {
		q   string
		idx map[string]int
	}{{`SELECT ehak FROM municipalities ORDER BY ehak`, m.rows}, {`SELECT code FROM services ORDER BY code`, m.cols}} {
		keys, err := stringList(ctx, q, list.q)
		if err != nil {
			return nil, err
		}
		for i, k := range keys {
			list.idx[k] = i
		}
	}
	m.cells = make([]byte, len(m.rows)*len(m.cols))
	if complete, err := m.read(ctx, q, ""); err != nil || !complete {
		return nil, fmt.Errorf("sqlstore: level matrix: %w (complete %v)", err, complete)
	}
	return m, nil
}

// read sets the cells the query selects, and reports false at the first one of a
// municipality or service m has no place for.
func (m *levelMatrix) read(ctx context.Context, q querier, where string, args ...any) (bool, error) {
	// The mark as a truth value, not the text: a byte a row rather than 13 over millions.
	rows, err := q.query(ctx, `SELECT municipality_ehak, service_code, offering, level, verification = 'self_reported'
		FROM service_cells`+where, args...)
	if err != nil {
		return false, fmt.Errorf("sqlstore: level matrix: %w", err)
	}
	defer rows.Close()
	var ehak, code, offering string
	var level int
	var selfReported bool
	for rows.Next() {
		if err := rows.Scan(&ehak, &code, &offering, &level, &selfReported); err != nil {
			return false, err
		}
		r, ok := m.rows[ehak]
		c, ok2 := m.cols[code]
		if !ok || !ok2 {
			return false, nil
		}
		m.cells[r*len(m.cols)+c] = levelByte(eservice.Offering(offering), level, selfReported)
	}
	return true, rows.Err()
}

// selfReported counts the cells of services in the municipalities ehaks that await a
// coordinator's verification.
func (m *levelMatrix) selfReported(ehaks map[string]bool, services []eservice.Service) int {
	cols := make([]int, 0, len(services))
	for _, sv := range services {
		if c, ok := m.cols[sv.Code]; ok {
			cols = append(cols, c)
		}
	}
	n := 0
	for e := range ehaks {
		r, ok := m.rows[e]
		if !ok {
			continue
		}
		row := m.cells[r*len(m.cols) : (r+1)*len(m.cols)]
		for _, c := range cols {
			if row[c]&levelSelfReported != 0 {
				n++
			}
		}
	}
	return n
}
