package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"

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

// rebuildUsersOptionalEmail rebuilds (rebuildTables) users with its e-mail optional.
func rebuildUsersOptionalEmail(ctx context.Context, db *sql.DB) error {
	return rebuildTables(ctx, db, "optional e-mail", usersOptionalEmail)
}

// usersOptionalEmail is users' body with the e-mail optional, or nothing when it is already.
func usersOptionalEmail(ctx context.Context, tx *sql.Tx) (map[string]string, error) {
	var create string
	if err := tx.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'`).Scan(&create); err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	if optionalEmail.MatchString(create) {
		return nil, nil
	}
	if !requiredEmail.MatchString(create) {
		return nil, fmt.Errorf("users.email is not TEXT NOT NULL UNIQUE as 00001 made it")
	}
	return map[string]string{"users": requiredEmail.ReplaceAllString(tableBody(create), "email TEXT UNIQUE")}, nil
}
