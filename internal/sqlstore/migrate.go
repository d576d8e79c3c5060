package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"math"

	"github.com/pressly/goose/v3"
)

//go:embed migrations
var migrations embed.FS

// Migrate applies the engine's pending migrations, each in a transaction, and records them.
func (s *Store) Migrate(ctx context.Context) error { return s.migrateTo(ctx, math.MaxInt64) }

// migrateTo applies the pending migrations up to version, so a test can fill a database as
// an older kovit left it and then migrate it the rest of the way.
func (s *Store) migrateTo(ctx context.Context, version int64) error {
	dialect := goose.DialectSQLite3
	if s.engine.name() == "postgres" {
		dialect = goose.DialectPostgres
	}
	dir, err := fs.Sub(migrations, "migrations/"+s.engine.name())
	if err != nil {
		return err
	}
	var opts []goose.ProviderOption
	if dialect == goose.DialectSQLite3 {
		opts = append(opts, goose.WithGoMigrations(autoincrementMigration()))
		// goose keeps one connection for itself while a Go migration runs on another, and
		// the rebuild needs one to itself to turn foreign keys off.
		s.write.SetMaxOpenConns(2)
		defer s.write.SetMaxOpenConns(1)
	}
	p, err := goose.NewProvider(dialect, s.write, dir, opts...)
	if err != nil {
		return fmt.Errorf("sqlstore: migrations: %w", err)
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	return nil
}

// Backup writes a consistent copy of a live SQLite database to path. PostgreSQL is backed
// up with its own tools (pg_dump), as the README says.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.engine.name() != "sqlite" {
		return fmt.Errorf("sqlstore: backup is for SQLite; back up PostgreSQL with pg_dump")
	}
	// VACUUM INTO reads one snapshot, so writers may go on while it copies.
	_, err := s.write.ExecContext(ctx, "VACUUM INTO ?", path)
	return err
}
