package sqlstore

import (
	"context"
	"database/sql"
)

// MigrateTo, ExecRaw and QueryRaw let this package's external tests fill a database as an
// older kovit left it (migrations up to a version, rows written straight into its tables)
// and read it back the same way.
func (s *Store) MigrateTo(ctx context.Context, version int64) error { return s.migrateTo(ctx, version) }

func (s *Store) ExecRaw(ctx context.Context, q string, args ...any) error {
	_, err := s.write.ExecContext(ctx, s.engine.rebind(q), args...)
	return err
}

func (s *Store) QueryRaw(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return s.read.QueryContext(ctx, s.engine.rebind(q), args...)
}
