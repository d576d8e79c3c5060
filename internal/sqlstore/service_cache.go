package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/eservice"
)

type serviceCopy []eservice.Service

// serviceList is the e-service catalogue, retired services too, ordered by area and code,
// from the kept copy: every signed-in page counts the desk's waiting items from it, and
// the matrix, municipality and desk pages list it, which read it from the database on each
// request (the largest share of the desk count's time, BenchmarkSignedInPages). A
// catalogue changes a few times a year; a change drops the copy (audit.KindService). It
// is small: 600 services on the large country.
func (s *Store) serviceList(ctx context.Context) (serviceCopy, error) {
	return s.services.get(ctx, func(ctx context.Context, _ serviceCopy, _ bool) (serviceCopy, error) {
		rows, err := s.query(ctx, `SELECT `+serviceColumns+` FROM services ORDER BY area, code`)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: list services: %w", err)
		}
		defer rows.Close()
		var out serviceCopy
		for rows.Next() {
			sv, err := scanService(rows)
			if err != nil {
				return nil, err
			}
			out = append(out, sv)
		}
		return out, rows.Err()
	})
}
