package sqlstore

import (
	"context"
	"sync"
	"time"

	"kovit/internal/eservice"
)

// cellCache keeps every matrix cell in memory. The matrix, its map, its JSON and each
// municipality's comparison with its peers all need every cell, and reading some 12,000
// cells with their criteria costs far more than the rest of those requests. A committed
// change to any cell drops the copy (see dropCopies); cacheTTL bounds how long a change
// made by another server process goes unseen.
type cellCache struct {
	mu       sync.Mutex
	loadedAt time.Time
	cells    []eservice.Cell // never modified after loading
}

func (c *cellCache) invalidate() {
	c.mu.Lock()
	c.loadedAt = time.Time{}
	c.mu.Unlock()
}

// Cells implements eservice.Store: the filled-in cells with the criteria each meets,
// ordered by municipality and service.
func (s *Store) Cells(ctx context.Context, f eservice.CellFilter) ([]eservice.Cell, error) {
	all, err := s.allCells(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]eservice.Cell, 0, len(all))
	for _, c := range all {
		if (f.MunicipalityEHAK == "" || c.MunicipalityEHAK == f.MunicipalityEHAK) && (f.ServiceCode == "" || c.ServiceCode == f.ServiceCode) {
			c.Met = append([]int64(nil), c.Met...) // the caller's to change
			out = append(out, c)
		}
	}
	return out, nil
}

func (s *Store) allCells(ctx context.Context) ([]eservice.Cell, error) {
	c := &s.cells
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.loadedAt.IsZero() && time.Since(c.loadedAt) < cacheTTL {
		return c.cells, nil
	}
	cells, err := cellsFrom(ctx, s.query, eservice.CellFilter{})
	if err != nil {
		return nil, err
	}
	c.cells, c.loadedAt = cells, time.Now()
	return cells, nil
}
