package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// The reads below let the matrix API, the matrix export and the CPSV export walk a large
// country a block of municipalities or one service at a time, by index, instead of
// reading all its cells at once (Grid): at 10,800 municipalities × 600 services those
// are 6.5 million cells, gigabytes in memory.

// RowGrid implements eservice.Store: when the matrix is kept whole, the whole shared
// grid; otherwise the cells (every field and criterion) of the municipalities named,
// read by the primary key's prefix.
func (s *Store) RowGrid(ctx context.Context, ehaks []string) (eservice.Grid, error) {
	cp, err := s.cellCopy(ctx)
	if err != nil || cp.whole {
		return cp.grid, err
	}
	if len(ehaks) > eservice.MaxRowBlock {
		return nil, fmt.Errorf("sqlstore: row grid of %d municipalities, at most %d", len(ehaks), eservice.MaxRowBlock)
	}
	g := make(eservice.Grid, len(ehaks))
	if len(ehaks) == 0 {
		return g, nil
	}
	args := make([]any, len(ehaks))
	for i, e := range ehaks {
		args[i] = e
	}
	in := ` WHERE municipality_ehak IN (` + marks(len(ehaks)) + `)`
	rows, err := s.query(ctx, `SELECT `+cellColumns+` FROM service_cells`+in, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: row grid: %w", err)
	}
	for rows.Next() {
		c, err := scanCell(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		if g[c.MunicipalityEHAK] == nil {
			g[c.MunicipalityEHAK] = map[string]eservice.Cell{}
		}
		g[c.MunicipalityEHAK][c.ServiceCode] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	err = criteriaMet(ctx, s, in, args, func(ehak, code string, id int64) {
		if c, ok := g[ehak][code]; ok {
			c.Met = append(c.Met, id)
			g[ehak][code] = c
		}
	})
	return g, err
}

// ServiceStats implements eservice.Store: each service's StatsOf over ms, from the whole
// grid or the level bytes, never a grid of every cell.
func (s *Store) ServiceStats(ctx context.Context, ms []municipality.Municipality, services []eservice.Service) ([]eservice.ServiceStats, error) {
	cp, err := s.cellCopy(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]eservice.ServiceStats, len(services))
	if cp.whole {
		for i, sv := range services {
			out[i] = cp.grid.StatsOf(sv.Code, ms)
		}
		return out, nil
	}
	return cp.levels.serviceStats(ms, services), nil
}

// serviceStats is StatsOf of each service over ms, counted from the bytes.
func (m *levelMatrix) serviceStats(ms []municipality.Municipality, services []eservice.Service) []eservice.ServiceStats {
	na := levelFilled | byte(notApplicableIndex())<<4
	total := 0
	rows := make([]int, len(ms))
	for i, mu := range ms {
		total += mu.Population
		r, ok := m.rows[mu.EHAK]
		if !ok {
			r = -1 // a municipality newer than the matrix: nothing filled in
		}
		rows[i] = r
	}
	out := make([]eservice.ServiceStats, len(services))
	for j, sv := range services {
		st := eservice.ServiceStats{Code: sv.Code}
		c, known := m.cols[sv.Code]
		for i, r := range rows {
			var b byte
			if known && r >= 0 {
				b = m.cells[r*len(m.cols)+c]
			}
			if b&^levelSelfReported&0xf0 == na { // the queue's mark is no offering
				continue
			}
			st.Applicable++
			if int(b&0x0f) >= eservice.Online {
				st.Online++
				st.PopulationOnline += ms[i].Population
			}
		}
		if st.Applicable > 0 {
			st.Share = float64(st.Online) / float64(st.Applicable)
		}
		if total > 0 {
			st.PopulationShare = float64(st.PopulationOnline) / float64(total)
		}
		out[j] = st
	}
	return out
}

func notApplicableIndex() int {
	for i, o := range levelOfferings {
		if o == eservice.NotApplicable {
			return i
		}
	}
	return 0
}

// EachServiceOffers implements eservice.Store. A large country's offered cells are read
// in one pass over service_cells, sorted by service as the catalogue is (area, code): a
// read of each service's column by its index took 0.4 s a service (10,800 scattered
// pages), four minutes for 600 services. Only one service's cells are held at a time.
func (s *Store) EachServiceOffers(ctx context.Context, services []eservice.Service, fn func(i int, offers map[string]eservice.Cell) error) error {
	cp, err := s.cellCopy(ctx)
	if err != nil {
		return err
	}
	if cp.whole {
		for i, sv := range services {
			row := map[string]eservice.Cell{}
			for ehak, cells := range cp.grid {
				if c, ok := cells[sv.Code]; ok && c.Offering == eservice.Offered {
					row[ehak] = c
				}
			}
			if err := fn(i, row); err != nil {
				return err
			}
		}
		return nil
	}
	at := make(map[string]int, len(services))
	for i, sv := range services {
		at[sv.Code] = i
	}
	next := 0 // the first service not yet handed to fn
	// upTo hands fn every service before i without offers, then (when row is set) i's.
	upTo := func(i int, row map[string]eservice.Cell) error {
		if i < next {
			return fmt.Errorf("sqlstore: service offers: %s out of the catalogue's order", services[i].Code)
		}
		for ; next < i; next++ {
			if err := fn(next, nil); err != nil {
				return err
			}
		}
		if row == nil {
			return nil
		}
		next++
		return fn(i, row)
	}
	rows, err := s.query(ctx, `SELECT c.service_code, c.municipality_ehak, c.url
		FROM service_cells c JOIN services s ON s.code = c.service_code
		WHERE c.offering = ? ORDER BY s.area, s.code`, string(eservice.Offered))
	if err != nil {
		return fmt.Errorf("sqlstore: service offers: %w", err)
	}
	defer rows.Close()
	var code string
	row := map[string]eservice.Cell{}
	flush := func() error {
		i, ok := at[code]
		if !ok || len(row) == 0 {
			return nil // a retired service, or none yet
		}
		err := upTo(i, row)
		row = map[string]eservice.Cell{}
		return err
	}
	for rows.Next() {
		c := eservice.Cell{Offering: eservice.Offered}
		if err := rows.Scan(&c.ServiceCode, &c.MunicipalityEHAK, &c.URL); err != nil {
			return err
		}
		if c.ServiceCode != code {
			if err := flush(); err != nil {
				return err
			}
			code = c.ServiceCode
		}
		row[c.MunicipalityEHAK] = c
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if err := flush(); err != nil {
		return err
	}
	return upTo(len(services), nil)
}
