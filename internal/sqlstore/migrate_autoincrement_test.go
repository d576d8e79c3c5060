package sqlstore

import (
	"context"
	"path/filepath"
	"testing"
)

// TestAutoincrementMigration fills a database as kovit left it before migration 00009, with
// a deleted row in the middle, and migrates it: every row keeps its id and its links, the
// index and the foreign keys are still there, and a new row gets an id past the highest
// ever given, not the deleted one's.
func TestAutoincrementMigration(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "old.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.migrateTo(ctx, autoincrementVersion-2); err != nil {
		t.Fatal(err)
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := s.write.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`INSERT INTO plan_strategies (title_et, start_year, end_year, status, levels, statuses, stale_after_days, created_at, updated_at)
		VALUES ('Kava', 2026, 2030, 'draft', '{}', '[]', 90, '2026-01-01', '2026-01-01')`)
	for _, code := range []string{"1", "2", "3"} {
		exec(`INSERT INTO plan_nodes (strategy_id, parent_id, kind, code, position, updated_at) VALUES (1, NULL, 'goal', ?, 0, '2026-01-01')`, code)
	}
	exec(`UPDATE plan_nodes SET parent_id = 1 WHERE id = 3`)
	exec(`DELETE FROM plan_nodes WHERE id = 2`)
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}

	var n, parent int
	if err := s.read.QueryRowContext(ctx, `SELECT count(*), max(parent_id) FROM plan_nodes`).Scan(&n, &parent); err != nil || n != 2 || parent != 1 {
		t.Errorf("after the migration: %d nodes, parent %d, %v", n, parent, err)
	}
	var index string
	if err := s.read.QueryRowContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'plan_nodes' AND name = 'plan_nodes_parent'`).Scan(&index); err != nil {
		t.Errorf("index plan_nodes_parent: %v", err)
	}
	if _, err := s.write.ExecContext(ctx, `INSERT INTO plan_nodes (strategy_id, kind, code, position, updated_at) VALUES (99, 'goal', '9', 0, '2026-01-01')`); err == nil {
		t.Error("a node of a strategy that does not exist was stored: foreign keys are off")
	}
	var seq int64
	if err := s.read.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = 'plan_nodes'`).Scan(&seq); err != nil || seq != 3 {
		t.Errorf("plan_nodes sequence %d, %v; want 3, the highest id", seq, err)
	}
	for _, want := range []int64{4, 5} {
		res, err := s.write.ExecContext(ctx, `INSERT INTO plan_nodes (strategy_id, kind, code, position, updated_at) VALUES (1, 'goal', 'x', 0, '2026-01-01')`)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		if id != want {
			t.Errorf("new node id %d, want %d", id, want)
		}
		exec(`DELETE FROM plan_nodes WHERE id = ?`, id)
	}
}

// TestEveryIDAutoincrements: every SQLite table whose key is an INTEGER PRIMARY KEY says
// AUTOINCREMENT, so a migration adding a table cannot bring back reused ids.
func TestEveryIDAutoincrements(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "new.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			t.Fatal(err)
		}
		if !integerPrimaryKey.MatchString(create) {
			continue
		}
		checked++
		if !autoincrementKey.MatchString(create) {
			t.Errorf("table %s has an INTEGER PRIMARY KEY without AUTOINCREMENT:\n%s", name, create)
		}
	}
	if checked < 20 {
		t.Errorf("only %d tables with an integer key checked", checked)
	}
}
