package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"

	"github.com/pressly/goose/v3"
)

// optionalEmailVersion is SQLite's migration 00042 (PostgreSQL's is an SQL file that drops
// the NOT NULL). A member of the public who signs up to comment through the state eID
// gateway (TARA) has no address kovit could vouch for, so users.email may be NULL; it
// stays UNIQUE, which on both engines lets any number of NULLs be. SQLite cannot drop a
// column's NOT NULL in place, so the table is rebuilt as it stands, with every row, index
// and trigger it has, in Go as migration 00009 is.
const optionalEmailVersion = 42

func optionalEmailMigration() *goose.Migration {
	return goose.NewGoMigration(optionalEmailVersion, &goose.GoFunc{RunDB: rebuildUsersOptionalEmail}, nil)
}

var requiredEmail = regexp.MustCompile(`(?i)\bemail\s+TEXT\s+NOT\s+NULL\s+UNIQUE\b`)

// optionalEmail is the column after the rebuild: a run that committed the rebuild but
// stopped before goose recorded it finds the work done.
var optionalEmail = regexp.MustCompile(`(?i)\bemail\s+TEXT\s+UNIQUE\b`)

// rebuildUsersOptionalEmail is SQLite's table rebuild for users: foreign keys off on a
// connection of its own (SQLite ignores the pragma inside a transaction), the copy made,
// the old table dropped and the copy renamed, and the foreign keys checked before commit.
// The other tables' references name users, so they hold on the renamed copy.
func rebuildUsersOptionalEmail(ctx context.Context, db *sql.DB) error {
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
	var create string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'`).Scan(&create); err != nil {
		return fmt.Errorf("sqlstore: optional e-mail: users: %w", err)
	}
	if optionalEmail.MatchString(create) {
		return nil
	}
	if !requiredEmail.MatchString(create) {
		return fmt.Errorf("sqlstore: optional e-mail: users.email is not TEXT NOT NULL UNIQUE as 00001 made it")
	}
	extras, err := indexesAndTriggers(ctx, tx, "users")
	if err != nil {
		return err
	}
	body := requiredEmail.ReplaceAllString(create[strings.Index(create, "("):], "email TEXT UNIQUE")
	steps := []string{
		`CREATE TABLE "kovit_rebuild_users" ` + body,
		`INSERT INTO "kovit_rebuild_users" SELECT * FROM "users"`,
		`DROP TABLE "users"`,
		`ALTER TABLE "kovit_rebuild_users" RENAME TO "users"`,
	}
	for _, s := range append(steps, extras...) {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("sqlstore: optional e-mail: %s: %w", s, err)
		}
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	broken := rows.Next()
	rows.Close()
	if broken {
		return fmt.Errorf("sqlstore: optional e-mail: the rebuild broke a foreign key")
	}
	return tx.Commit()
}

// indexesAndTriggers are the statements that make table's own indexes and triggers again
// (the implicit ones of UNIQUE columns come back with the table).
func indexesAndTriggers(ctx context.Context, tx *sql.Tx, table string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT sql FROM sqlite_master
		WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}
