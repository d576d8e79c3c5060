package desk

import (
	"context"

	"kovit/internal/eservice"
)

// The waiting count shows on every signed-in page. It reads the cells that wait from the
// kept totals (every service's cells awaiting verification) and from the municipality's
// own row, never from the whole matrix: a large country's is not kept in memory, and
// reading 6.5 million cells for each page is not possible.

// returnedCells counts the cells of services returned to the municipality ehak.
func (m Modules) returnedCells(ctx context.Context, ehak string, services []eservice.Service) (int, error) {
	cells, err := m.Services.Cells(ctx, eservice.CellFilter{MunicipalityEHAK: ehak})
	if err != nil {
		return 0, err
	}
	counted := codes(services)
	n := 0
	for _, c := range cells {
		if c.Version > 0 && c.Verification == eservice.Returned && counted[c.ServiceCode] {
			n++
		}
	}
	return n, nil
}

// selfReported counts the cells of services awaiting a coordinator's verification, every
// municipality's.
func (m Modules) selfReported(ctx context.Context, services []eservice.Service) (int, error) {
	t, err := m.Services.Totals(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range services {
		n += t.ByService[s.Code].SelfReported
	}
	return n, nil
}

func codes(services []eservice.Service) map[string]bool {
	out := make(map[string]bool, len(services))
	for _, s := range services {
		out[s.Code] = true
	}
	return out
}
