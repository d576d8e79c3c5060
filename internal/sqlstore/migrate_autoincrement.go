package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"github.com/pressly/goose/v3"
)

// autoincrementVersion is SQLite's migration 00009 (PostgreSQL's is a no-op: its identity
// columns never hand out a number twice). It is written in Go because it rebuilds every
// table whose id is an INTEGER PRIMARY KEY as it stands when it runs, with the columns
// and indexes that earlier migrations gave it.
const autoincrementVersion = 9

// autoincrementMigration makes every SQLite id column AUTOINCREMENT: without it SQLite
// gives a new row the id of the last row deleted, and the audit trail and old links then
// mix two records. Existing rows keep their ids and each table's sequence starts at its
// highest id.
func autoincrementMigration() *goose.Migration {
	return goose.NewGoMigration(autoincrementVersion, &goose.GoFunc{RunDB: rebuildWithAutoincrement}, nil)
}

var (
	integerPrimaryKey = regexp.MustCompile(`(?i)\bINTEGER\s+PRIMARY\s+KEY\b`)
	autoincrementKey  = regexp.MustCompile(`(?i)\bINTEGER\s+PRIMARY\s+KEY\s+AUTOINCREMENT\b`)
)

// rebuildWithAutoincrement is SQLite's table rebuild (https://sqlite.org/lang_altertable.html,
// "other kinds of table schema changes"): foreign keys off, which SQLite allows only outside
// a transaction, so on a connection of its own; then in one transaction each table is
// copied into a new one, dropped, the copy renamed and its indexes and triggers made again,
// and the foreign keys checked before commit.
func rebuildWithAutoincrement(ctx context.Context, db *sql.DB) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA foreign_keys = ON")
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	tables, err := tablesToRebuild(ctx, tx)
	if err != nil {
		return err
	}
	for name, create := range tables {
		if err := rebuildTable(ctx, tx, name, create); err != nil {
			return fmt.Errorf("sqlstore: rebuild %s: %w", name, err)
		}
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	broken := rows.Next()
	rows.Close()
	if broken {
		return fmt.Errorf("sqlstore: rebuild with autoincrement broke a foreign key")
	}
	return tx.Commit()
}

// tablesToRebuild returns each table with an INTEGER PRIMARY KEY but no AUTOINCREMENT, by
// name, with its CREATE statement.
func tablesToRebuild(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> 'goose_db_version'`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, create string
		if err := rows.Scan(&name, &create); err != nil {
			return nil, err
		}
		if integerPrimaryKey.MatchString(create) && !autoincrementKey.MatchString(create) {
			out[name] = create
		}
	}
	return out, rows.Err()
}

func rebuildTable(ctx context.Context, tx *sql.Tx, name, create string) error {
	var extras []string
	rows, err := tx.QueryContext(ctx, `SELECT sql FROM sqlite_master
		WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL`, name)
	if err != nil {
		return err
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		extras = append(extras, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	tmp := `"kovit_rebuild_` + name + `"`
	body := create[strings.Index(create, "("):]
	pk := integerPrimaryKey.FindStringIndex(body)
	body = body[:pk[1]] + " AUTOINCREMENT" + body[pk[1]:]
	steps := []string{
		"CREATE TABLE " + tmp + " " + body,
		"INSERT INTO " + tmp + ` SELECT * FROM "` + name + `"`,
		`DROP TABLE "` + name + `"`,
		"ALTER TABLE " + tmp + ` RENAME TO "` + name + `"`,
	}
	for _, s := range append(steps, extras...) {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}
