package sqlstore

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"math"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrations embed.FS

// Migrate applies the engine's pending migrations, each in a transaction, and records them.
func (s *Store) Migrate(ctx context.Context) error { return s.migrateTo(ctx, math.MaxInt64) }

// migrateTo applies the pending migrations up to version, so a test can fill a database as
// an older kovit left it and then migrate it the rest of the way.
func (s *Store) migrateTo(ctx context.Context, version int64) error {
	var opts []goose.ProviderOption
	if s.engine.name() == "postgres" {
		// Several processes starting at once on one database: one migrates, the others
		// wait on its advisory lock and then find nothing left to do.
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	} else {
		// goose keeps one connection for itself while a Go migration runs on another, and
		// the rebuild needs one to itself to turn foreign keys off.
		s.write.SetMaxOpenConns(2)
		defer s.write.SetMaxOpenConns(1)
	}
	p, err := s.migrations(s.write, opts...)
	if err != nil {
		return err
	}
	if _, err := p.UpTo(ctx, version); err != nil {
		return fmt.Errorf("sqlstore: migrate: %w", err)
	}
	return nil
}

// migrations is goose's view of the engine's migrations on db.
func (s *Store) migrations(db *sql.DB, opts ...goose.ProviderOption) (*goose.Provider, error) {
	dialect := goose.DialectSQLite3
	if s.engine.name() == "postgres" {
		dialect = goose.DialectPostgres
	}
	dir, err := fs.Sub(migrations, "migrations/"+s.engine.name())
	if err != nil {
		return nil, err
	}
	if dialect == goose.DialectSQLite3 {
		opts = append(opts, goose.WithGoMigrations(autoincrementMigration(), optionalEmailMigration()))
	}
	p, err := goose.NewProvider(dialect, db, dir, opts...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: migrations: %w", err)
	}
	return p, nil
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
