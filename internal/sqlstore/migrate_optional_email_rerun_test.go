package sqlstore

import (
	"context"
	"path/filepath"
	"testing"
)

// TestOptionalEmailRebuildRerun: SQLite's 00042 run again on a database it already rebuilt
// (it committed, then stopped before goose recorded it) finds the work done and keeps the
// users as they are.
func TestOptionalEmailRebuildRerun(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "kovit.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.write.ExecContext(ctx, `INSERT INTO users (email, name, role, created_at) VALUES (NULL, 'Liis Kask', 'reader', '2026-01-01')`); err != nil {
		t.Fatal(err)
	}
	if err := rebuildUsersOptionalEmail(ctx, s.write); err != nil {
		t.Fatalf("the rebuild again: %v", err)
	}
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE email IS NULL AND name = 'Liis Kask'`).Scan(&n); err != nil || n != 1 {
		t.Errorf("users after a second run: %d, %v", n, err)
	}
}
