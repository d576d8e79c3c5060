package sqlstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"kovit/internal/eservice"
)

// VerificationQueue implements eservice.Store. A matrix kept whole is searched in memory.
// A large country's first cells are read by the queue's index (migration 00044: the
// self-reported cells by age, municipality and service), so a page of them reads that
// many rows; they are counted from the kept totals, or for a county from the level
// matrix's self-reported mark, never by reading the cells.
func (s *Store) VerificationQueue(ctx context.Context, f eservice.QueueFilter) ([]eservice.Cell, int, error) {
	services, err := s.ListServices(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	services = slices.DeleteFunc(services, func(sv eservice.Service) bool { return f.Area != "" && sv.Area != f.Area })
	ehaks, err := s.countyEHAKs(ctx, f.County)
	if err != nil {
		return nil, 0, err
	}
	cp, err := s.cellCopy(ctx)
	if err != nil {
		return nil, 0, err
	}
	if cp.whole {
		cells, n := queueOf(cp.grid, ehaks, services, f.Limit)
		return cells, n, nil
	}
	n := 0
	if f.County == "" {
		for _, sv := range services {
			n += cp.totals.ByService[sv.Code].SelfReported
		}
	} else {
		n = cp.levels.selfReported(ehaks, services)
	}
	cells, err := s.queueFrom(ctx, f)
	return cells, n, err
}

// countyEHAKs is the set of county's municipalities, or nil for every county.
func (s *Store) countyEHAKs(ctx context.Context, county string) (map[string]bool, error) {
	if county == "" {
		return nil, nil
	}
	rows, _, err := s.cachedMunicipalities(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, r := range rows {
		if r.m.CountyEHAK == county {
			out[r.m.EHAK] = true
		}
	}
	return out, nil
}

// queueOf is VerificationQueue over a grid of every cell: the first limit of the
// self-reported cells of services in the municipalities ehaks (nil: every one), and how
// many there are. Only the first limit are sorted, so a queue of thousands costs little.
func queueOf(g eservice.Grid, ehaks map[string]bool, services []eservice.Service, limit int) ([]eservice.Cell, int) {
	var queue []eservice.Cell
	for ehak, row := range g {
		if ehaks != nil && !ehaks[ehak] {
			continue
		}
		for _, sv := range services {
			if c, ok := row[sv.Code]; ok && c.Version > 0 && c.Verification == eservice.SelfReported {
				c.Met = nil // shared with the grid; the queue's cells go without their criteria
				queue = append(queue, c)
			}
		}
	}
	slices.SortFunc(queue, queueOrder)
	return queue[:min(len(queue), max(limit, 0))], len(queue)
}

func queueOrder(a, b eservice.Cell) int {
	return cmp.Or(a.UpdatedAt.Compare(b.UpdatedAt), cmp.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK), cmp.Compare(a.ServiceCode, b.ServiceCode))
}

// queueFrom reads the first f.Limit cells of the queue by its index, without their
// criteria.
func (s *Store) queueFrom(ctx context.Context, f eservice.QueueFilter) ([]eservice.Cell, error) {
	if f.Limit <= 0 {
		return nil, nil
	}
	var w where
	w.add("verification = ?", string(eservice.SelfReported))
	if f.Area == "" {
		w.add("service_code IN (SELECT code FROM services WHERE retired = ?)", false)
	} else {
		w.add("service_code IN (SELECT code FROM services WHERE retired = ? AND area = ?)", false, f.Area)
	}
	if f.County != "" {
		w.add("municipality_ehak IN (SELECT ehak FROM municipalities WHERE county_ehak = ?)", f.County)
	}
	rows, err := s.query(ctx, `SELECT `+cellColumns+` FROM service_cells`+w.String()+
		` ORDER BY updated_at, municipality_ehak, service_code LIMIT ?`, append(w.args, f.Limit)...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: verification queue: %w", err)
	}
	defer rows.Close()
	var out []eservice.Cell
	for rows.Next() {
		c, err := scanCell(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
