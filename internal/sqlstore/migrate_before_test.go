package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// storeBefore is a store on a new database of engine migrated up to migration version
// and no further, for a test that fills a database as an older kovit left it and then
// migrates it. It is closed when the test ends.
func storeBefore(t *testing.T, engine string, version int64) *sqlstore.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, sqlstoretest.EmptyDSN(t, engine))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.MigrateTo(ctx, version); err != nil {
		t.Fatal(err)
	}
	return s
}
