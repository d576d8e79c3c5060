package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/eservice"
)

// MunicipalitySnapshots implements eservice.Store.
func (s *Store) MunicipalitySnapshots(ctx context.Context, ehak string) ([]eservice.SnapshotCell, error) {
	rows, err := s.query(ctx, `SELECT month, municipality_ehak, service_code, offering, level FROM snapshot_cells
		WHERE municipality_ehak = ? ORDER BY month, service_code`, ehak)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: municipality snapshots: %w", err)
	}
	defer rows.Close()
	var out []eservice.SnapshotCell
	for rows.Next() {
		var c eservice.SnapshotCell
		if err := rows.Scan(&c.Month, &c.MunicipalityEHAK, &c.ServiceCode, &c.Offering, &c.Level); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
