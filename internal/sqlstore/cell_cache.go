package sqlstore

import (
	"context"

	"kovit/internal/eservice"
)

// cellCopy is the matrix kept in memory: every service's totals and, for a country of up
// to wholeCells cells, every cell. The matrix, its map, its JSON and each municipality's
// comparison with its peers all need every cell, and reading some 12,000 cells with their
// criteria costs far more than the rest of those requests. A larger country's cells do
// not fit (6.5 million took 3.9 GB): it keeps only their levels (levelMatrix), and Cells
// reads rows from the database by index. It is never modified after loading.
type cellCopy struct {
	totals eservice.Totals
	whole  bool // cells and grid hold every cell; else levels holds their levels
	cells  []eservice.Cell
	grid   eservice.Grid // the same cells indexed
	levels *levelMatrix
}

// DefaultWholeCells is the most cells kept whole in memory (Store.WholeCells): some
// forty times Estonia's 79 municipalities × 77 services.
const DefaultWholeCells = 250_000

func (s *Store) wholeCells() int {
	if s.WholeCells > 0 {
		return s.WholeCells
	}
	return DefaultWholeCells
}

// Cells implements eservice.Store: the filled-in cells with the criteria each meets,
// ordered by municipality and service.
func (s *Store) Cells(ctx context.Context, f eservice.CellFilter) ([]eservice.Cell, error) {
	cp, err := s.cellCopy(ctx)
	if err != nil {
		return nil, err
	}
	if !cp.whole {
		return cellsFrom(ctx, s, f)
	}
	all := cp.cells
	match := func(c eservice.Cell) bool {
		return (f.MunicipalityEHAK == "" || c.MunicipalityEHAK == f.MunicipalityEHAK) && (f.ServiceCode == "" || c.ServiceCode == f.ServiceCode)
	}
	// Counted first: one municipality's row is a hundredth of the matrix, and making room
	// for the whole matrix on every municipality page was most of what that page allocated.
	n := 0
	for i := range all {
		if match(all[i]) {
			n++
		}
	}
	out := make([]eservice.Cell, 0, n)
	met := 0
	for _, c := range all {
		if match(c) {
			out = append(out, c)
			met += len(c.Met)
		}
	}
	// The criteria lists are the caller's to change, so they are copied, into one array
	// for all cells (each capped, so an append by the caller cannot reach its neighbour).
	buf := make([]int64, 0, met)
	for i := range out {
		if len(out[i].Met) == 0 {
			out[i].Met = nil // as a freshly read cell has it
			continue
		}
		start := len(buf)
		buf = append(buf, out[i].Met...)
		out[i].Met = buf[start:len(buf):len(buf)]
	}
	return out, nil
}

// Grid implements eservice.Store: every cell, indexed, shared by all callers until a
// change replaces it. Pages and API answers that need the whole matrix read it instead of
// copying 12,000 cells and indexing them again for every request. A country too large to
// keep whole has its cells read for the call and not kept: pages read LevelGrid instead.
func (s *Store) Grid(ctx context.Context) (eservice.Grid, error) {
	cp, err := s.cellCopy(ctx)
	if err != nil || cp.whole {
		return cp.grid, err
	}
	cells, err := cellsFrom(ctx, s, eservice.CellFilter{})
	return eservice.NewGrid(cells), err
}

// LevelGrid implements eservice.Store: the cells of the municipalities and services
// named. When the matrix is kept whole, that is the whole shared grid; otherwise a grid
// of those cells from the level matrix, with their offering and level only.
func (s *Store) LevelGrid(ctx context.Context, ehaks, codes []string) (eservice.Grid, error) {
	cp, err := s.cellCopy(ctx)
	if err != nil || cp.whole {
		return cp.grid, err
	}
	g := make(eservice.Grid, len(ehaks))
	for _, e := range ehaks {
		row := make(map[string]eservice.Cell, len(codes))
		for _, c := range codes {
			if cell := cp.levels.cell(e, c); cell.Version > 0 {
				row[c] = cell
			}
		}
		g[e] = row
	}
	return g, nil
}

// MunicipalityStats implements eservice.Store: each municipality's median level and
// online services over services, without indexing a grid of every cell.
func (s *Store) MunicipalityStats(ctx context.Context, ehaks []string, services []eservice.Service) ([]eservice.MunicipalityStats, error) {
	cp, err := s.cellCopy(ctx)
	if err != nil {
		return nil, err
	}
	if !cp.whole {
		return cp.levels.stats(ehaks, services), nil
	}
	cell := cp.grid.Cell
	out := make([]eservice.MunicipalityStats, len(ehaks))
	levels := make([]int, 0, len(services))
	for i, e := range ehaks {
		out[i], levels = eservice.StatsOfCells(e, services, cell, levels[:0])
	}
	return out, nil
}

// Totals implements eservice.Store: every service's national totals, kept.
func (s *Store) Totals(ctx context.Context) (eservice.Totals, error) {
	cp, err := s.cellCopy(ctx)
	return cp.totals, err
}

func (s *Store) cellCopy(ctx context.Context) (cellCopy, error) {
	return s.cells.get(ctx, func(ctx context.Context, last cellCopy, _ bool) (cellCopy, error) {
		list, err := s.ServiceTotals(ctx)
		if err != nil {
			return cellCopy{}, err
		}
		out := cellCopy{totals: eservice.NewTotals(list)}
		if out.totals.Filled > s.wholeCells() {
			out.levels, err = loadLevels(ctx, s, s.now(), last.levels)
			out.totals.Version = s.cellsVersion(last, out.levels)
			return out, err
		}
		if out.cells, err = cellsFrom(ctx, s, eservice.CellFilter{}); err != nil {
			return cellCopy{}, err
		}
		out.whole, out.grid = true, eservice.NewGrid(out.cells)
		out.totals.Version = s.cellsVersion(last, nil)
		return out, nil
	})
}

// cellsVersion is the Version of a copy loaded over last: last's when the load kept last's
// level matrix (no cell changed since), else a new one. New versions come from one
// counter of the store, never from last's plus one: two loads over the same last (one
// that a drop overtook, and the next) must not share a version with different cells.
func (s *Store) cellsVersion(last cellCopy, levels *levelMatrix) uint64 {
	if levels != nil && levels == last.levels && last.totals.Version > 0 {
		return last.totals.Version
	}
	return s.cellVersions.Add(1)
}
