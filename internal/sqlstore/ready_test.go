package sqlstore

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// A store is not ready while a migration this kovit knows is not applied (a database an
// older kovit left, or one a newer process is still migrating), nor once its database
// has gone; it is ready when migrated. SQLite needs no change feed.
func TestReady(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "ready.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.migrateTo(ctx, 23); err != nil {
		t.Fatal(err)
	}
	if err := s.Ready(ctx); err == nil || !strings.HasPrefix(err.Error(), "migrations:") {
		t.Errorf("ready before the last migration: %v", err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.Ready(ctx); err != nil {
		t.Errorf("not ready once migrated: %v", err)
	}
	s.Close()
	if err := s.Ready(ctx); err == nil || !strings.HasPrefix(err.Error(), "database:") {
		t.Errorf("ready with its database closed: %v", err)
	}
}
