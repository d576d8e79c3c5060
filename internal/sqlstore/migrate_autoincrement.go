package sqlstore

import (
	"context"
	"database/sql"
	"regexp"

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

// rebuildWithAutoincrement rebuilds (rebuildTables) every table whose id is an INTEGER
// PRIMARY KEY without AUTOINCREMENT, its key given AUTOINCREMENT.
func rebuildWithAutoincrement(ctx context.Context, db *sql.DB) error {
	return rebuildTables(ctx, db, "rebuild with autoincrement", tablesToRebuild)
}

// tablesToRebuild returns each table with an INTEGER PRIMARY KEY but no AUTOINCREMENT, by
// name, with its body given AUTOINCREMENT.
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
			body := tableBody(create)
			pk := integerPrimaryKey.FindStringIndex(body)
			out[name] = body[:pk[1]] + " AUTOINCREMENT" + body[pk[1]:]
		}
	}
	return out, rows.Err()
}
