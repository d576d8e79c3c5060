package sqlstore

import (
	"context"
	"strings"
	"time"
)

// The reads below answer the matrix's large-country questions straight from the
// database, by index, rather than from the kept whole-matrix copy (cell_cache.go), which
// at 10,800 municipalities × 600 services does not fit in memory. The benchmarks in
// country_bench_test.go time them against the targets.

// ServiceTally is one service's national aggregate: how many municipalities offer it at
// level 3 or higher (where it applies) and the population living in them.
type ServiceTally struct {
	Code       string
	AtLevel3   int
	Population int64 // residents of the municipalities at level ≥ 3
}

// ServiceTallies is every service's national aggregate, from the totals every change
// keeps up to date (service_totals, cell_totals.go): one row a service, where counting
// the cells took 1.9 s at 10,800 municipalities × 600 services.
func (s *Store) ServiceTallies(ctx context.Context) ([]ServiceTally, error) {
	totals, err := s.ServiceTotals(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]ServiceTally, 0, len(totals))
	for _, t := range totals {
		if t.Online > 0 {
			out = append(out, ServiceTally{Code: t.Code, AtLevel3: t.Online, Population: t.PopulationOnline})
		}
	}
	return out, nil
}

// LevelCell is one cell's service and level, for a municipality's row or a region's page.
type LevelCell struct {
	Municipality, Service, Offering string
	Level                           int
}

// MunicipalityLevels is one municipality's row: every service's cell, by the primary key.
func (s *Store) MunicipalityLevels(ctx context.Context, ehak string) ([]LevelCell, error) {
	return s.levelCells(ctx, `SELECT municipality_ehak, service_code, offering, level FROM service_cells
		WHERE municipality_ehak = ? ORDER BY service_code`, ehak)
}

// RegionAreaLevels is a region's matrix page: the cells of one area's services in the
// region's municipalities, municipality by municipality in name order, limit
// municipalities from offset. It reads the page's municipalities and the area's services
// by index and their cells from the kept matrix (LevelGrid), as the matrix page does:
// reading 35,000 cells from service_cells by the primary key took 0.5–0.8 s at
// 10,800 municipalities × 600 services, and one join let PostgreSQL scan all 6.5
// million cells (6 s).
func (s *Store) RegionAreaLevels(ctx context.Context, county, area string, limit, offset int) ([]LevelCell, error) {
	ehaks, err := stringList(ctx, s, `SELECT ehak FROM municipalities WHERE county_ehak = ?
		ORDER BY sort_key, ehak LIMIT ? OFFSET ?`, county, limit, offset)
	if err != nil || len(ehaks) == 0 {
		return nil, err
	}
	codes, err := stringList(ctx, s, `SELECT code FROM services WHERE area = ? ORDER BY code`, area)
	if err != nil || len(codes) == 0 {
		return nil, err
	}
	g, err := s.LevelGrid(ctx, ehaks, codes)
	if err != nil {
		return nil, err
	}
	var cells []LevelCell
	for _, e := range ehaks {
		for _, c := range codes {
			if cell, ok := g[e][c]; ok {
				cells = append(cells, LevelCell{Municipality: e, Service: c, Offering: string(cell.Offering), Level: cell.Level})
			}
		}
	}
	return cells, nil
}

func marks(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }

func stringList(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func (s *Store) levelCells(ctx context.Context, q string, args ...any) ([]LevelCell, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []LevelCell
	for rows.Next() {
		var c LevelCell
		if err := rows.Scan(&c.Municipality, &c.Service, &c.Offering, &c.Level); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MonthAdoption is how many municipalities had a service at level ≥ 3 at the end of a
// month, and their residents.
type MonthAdoption struct {
	Month      string
	AtLevel3   int
	Population int64
}

// AdoptionFromChanges is one service's adoption curve rebuilt from the history of
// changes (cell_changes): each change adds a municipality to the count when it reaches
// level 3 and takes it away when it falls below, and the months between changes carry
// the count on, up to through (YYYY-MM). Reads only that service's changes, by the
// primary key's prefix.
func (s *Store) AdoptionFromChanges(ctx context.Context, service, through string) ([]MonthAdoption, error) {
	rows, err := s.query(ctx, `WITH c AS (
			SELECT month, municipality_ehak, level,
				LAG(level) OVER (PARTITION BY municipality_ehak ORDER BY month) AS prev
			FROM cell_changes WHERE service_code = ?)
		SELECT c.month,
			SUM(CASE WHEN c.level >= 3 THEN 1 ELSE 0 END - CASE WHEN c.prev >= 3 THEN 1 ELSE 0 END),
			SUM((CASE WHEN c.level >= 3 THEN 1 ELSE 0 END - CASE WHEN c.prev >= 3 THEN 1 ELSE 0 END) * m.population)
		FROM c JOIN municipalities m ON m.ehak = c.municipality_ehak
		WHERE c.month <= ? GROUP BY c.month ORDER BY c.month`, service, through)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []MonthAdoption
	var count int
	var pop int64
	for rows.Next() {
		var month string
		var dc int
		var dp int64
		if err := rows.Scan(&month, &dc, &dp); err != nil {
			return nil, err
		}
		// Months without a change carry the previous month's figures.
		for len(out) > 0 && nextMonth(out[len(out)-1].Month) < month {
			out = append(out, MonthAdoption{Month: nextMonth(out[len(out)-1].Month), AtLevel3: count, Population: pop})
		}
		count, pop = count+dc, pop+dp
		out = append(out, MonthAdoption{Month: month, AtLevel3: count, Population: pop})
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for len(out) > 0 && nextMonth(out[len(out)-1].Month) <= through {
		out = append(out, MonthAdoption{Month: nextMonth(out[len(out)-1].Month), AtLevel3: count, Population: pop})
	}
	return out, nil
}

func nextMonth(m string) string {
	t, err := time.Parse("2006-01", m)
	if err != nil {
		return "9999-99"
	}
	return t.AddDate(0, 1, 0).Format("2006-01")
}
