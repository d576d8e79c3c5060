package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"kovit/internal/audit"
)

// bulkTables are the tables the synthetic country's generator (internal/demo, kovit demo
// --size) may fill in bulk, with the kind of record whose in-memory copies a fill drops.
// Only these: a bulk insert writes no audit events, which only synthetic data may skip.
var bulkTables = map[string]recordKind{
	"counties":               audit.KindCounty,
	"municipalities":         audit.KindMunicipality,
	"districts":              audit.KindCounty,
	"municipality_districts": audit.KindMunicipality,
	"services":               audit.KindService,
	"service_cells":          audit.KindServiceCell,
	"cell_changes":           kindSnapshot,
	"matrix_snapshots":       kindSnapshot,
	"snapshot_tallies":       kindSnapshot,
	"users":                  audit.KindUser,
}

// bulkChunk is how many rows one transaction of a bulk insert carries: large enough that
// commits are rare, small enough that a failure loses little and memory stays bounded.
const bulkChunk = 50_000

// BulkInsert writes rows (len(cols) values each, flattened into args) into table in
// multi-row INSERTs, a transaction per bulkChunk rows. It is for generated synthetic data
// only: it writes no audit events, and it refuses a database not marked synthetic.
func (s *Store) BulkInsert(ctx context.Context, table string, cols []string, args []any) error {
	kind, ok := bulkTables[table]
	if !ok {
		return fmt.Errorf("sqlstore: bulk insert into %q is not allowed", table)
	}
	for _, c := range cols {
		if strings.Trim(c, "abcdefghijklmnopqrstuvwxyz_0123456789") != "" {
			return fmt.Errorf("sqlstore: bulk insert: bad column %q", c)
		}
	}
	if v, err := s.Setting(ctx, "synthetic"); err != nil {
		return err
	} else if v != "true" {
		return fmt.Errorf("sqlstore: bulk insert only into a database marked synthetic")
	}
	width := len(cols)
	if width == 0 || len(args)%width != 0 {
		return fmt.Errorf("sqlstore: %d values are not rows of %d", len(args), width)
	}
	if s.engine.name() == "postgres" {
		return s.copyRows(ctx, kind, table, cols, args)
	}
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES"
	for len(args) > 0 {
		n := min(len(args), bulkChunk*width)
		chunk := args[:n]
		err := s.transact(ctx, func(tx *tx) error {
			tx.changed[kind] = nil
			_, err := tx.execRows(ctx, head, width, chunk, "")
			return err
		})
		if err != nil {
			return fmt.Errorf("sqlstore: bulk insert into %s: %w", table, err)
		}
		args = args[n:]
	}
	return nil
}

// copyRows is BulkInsert on PostgreSQL: COPY, several times faster than INSERTs, a
// chunk at a time. The copy runs outside a transaction of transact's (COPY needs the
// driver's own connection), so an empty transaction afterwards names the kind changed,
// which drops its copies here and in every other process.
func (s *Store) copyRows(ctx context.Context, kind recordKind, table string, cols []string, args []any) error {
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return err
	}
	width := len(cols)
	err = conn.Raw(func(dc any) error {
		pc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("sqlstore: not a pgx connection")
		}
		for rest := args; len(rest) > 0; {
			n := min(len(rest), bulkChunk*width)
			chunk := rest[:n]
			src := pgx.CopyFromSlice(n/width, func(i int) ([]any, error) { return chunk[i*width : (i+1)*width], nil })
			if _, err := pc.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, src); err != nil {
				return fmt.Errorf("sqlstore: copy into %s: %w", table, err)
			}
			rest = rest[n:]
		}
		return nil
	})
	conn.Close()
	if err != nil {
		return err
	}
	return s.transact(ctx, func(tx *tx) error { tx.changed[kind] = nil; return nil })
}

// TableRows counts a bulk-filled table's rows, for the generator's report and tests.
func (s *Store) TableRows(ctx context.Context, table string) (int64, error) {
	if _, ok := bulkTables[table]; !ok {
		return 0, fmt.Errorf("sqlstore: no count of %q", table)
	}
	var n int64
	err := s.queryRow(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n)
	return n, err
}

// ClusterHistory orders cell_changes on disk by its primary key (service first) on
// PostgreSQL, so that one service's curve reads a few hundred pages rather than a page a
// change: the generator writes municipality by municipality. SQLite has nothing to do.
func (s *Store) ClusterHistory(ctx context.Context) error {
	if s.engine.name() != "postgres" {
		return nil
	}
	if _, err := s.write.ExecContext(ctx, `CLUSTER cell_changes USING cell_changes_pkey`); err != nil {
		return fmt.Errorf("sqlstore: cluster history: %w", err)
	}
	return nil
}
