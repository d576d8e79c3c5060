package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// rebuildTables is SQLite's table rebuild (https://sqlite.org/lang_altertable.html, "other
// kinds of table schema changes"), the one way its Go migrations change a column SQLite
// cannot alter in place. Foreign keys go off, which SQLite allows only outside a
// transaction, so on a connection of its own; then in one transaction plan names each table
// to rebuild with its new CREATE body (from its opening parenthesis on), and each is copied
// into a new table of that body, dropped, the copy renamed and its indexes and triggers made
// again. The other tables' references name the table, so they hold on the renamed copy;
// the foreign keys are checked before commit.
func rebuildTables(ctx context.Context, db *sql.DB, what string, plan func(context.Context, *sql.Tx) (map[string]string, error)) error {
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
	tables, err := plan(ctx, tx)
	if err != nil {
		return fmt.Errorf("sqlstore: %s: %w", what, err)
	}
	for name, body := range tables {
		if err := rebuildTable(ctx, tx, name, body); err != nil {
			return fmt.Errorf("sqlstore: %s: rebuild %s: %w", what, name, err)
		}
	}
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	broken := rows.Next()
	rows.Close()
	if broken {
		return fmt.Errorf("sqlstore: %s: the rebuild broke a foreign key", what)
	}
	return tx.Commit()
}

// rebuildTable makes table name again with body, keeping its rows, indexes and triggers
// (the implicit indexes of UNIQUE columns come back with the table).
func rebuildTable(ctx context.Context, tx *sql.Tx, name, body string) error {
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

// tableBody is a CREATE TABLE statement's body, from its opening parenthesis on.
func tableBody(create string) string {
	return create[strings.Index(create, "("):]
}
