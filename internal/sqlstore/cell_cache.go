package sqlstore

import (
	"context"

	"kovit/internal/eservice"
)

// cellCopy is every matrix cell kept in memory. The matrix, its map, its JSON and each
// municipality's comparison with its peers all need every cell, and reading some 12,000
// cells with their criteria costs far more than the rest of those requests. It is never
// modified after loading.
type cellCopy struct {
	cells []eservice.Cell
	grid  eservice.Grid // the same cells indexed
}

// Cells implements eservice.Store: the filled-in cells with the criteria each meets,
// ordered by municipality and service.
func (s *Store) Cells(ctx context.Context, f eservice.CellFilter) ([]eservice.Cell, error) {
	all, err := s.allCells(ctx)
	if err != nil {
		return nil, err
	}
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
// copying 12,000 cells and indexing them again for every request.
func (s *Store) Grid(ctx context.Context) (eservice.Grid, error) {
	c, err := s.cellCopy(ctx)
	return c.grid, err
}

func (s *Store) allCells(ctx context.Context) ([]eservice.Cell, error) {
	c, err := s.cellCopy(ctx)
	return c.cells, err
}

func (s *Store) cellCopy(ctx context.Context) (cellCopy, error) {
	return s.cells.get(ctx, func(ctx context.Context, _ cellCopy, _ bool) (cellCopy, error) {
		cells, err := cellsFrom(ctx, s, eservice.CellFilter{})
		if err != nil {
			return cellCopy{}, err
		}
		return cellCopy{cells: cells, grid: eservice.NewGrid(cells)}, nil
	})
}
