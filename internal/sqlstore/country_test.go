package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestBulkInsertRefuses: the bulk writer, which skips the audit trail, takes only a
// database marked synthetic and only the generator's tables.
func TestBulkInsertRefuses(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		row := []any{"DR01", "Nordmark", "x"}
		if err := s.BulkInsert(ctx, "counties", []string{"ehak", "name", "sort_key"}, row); err == nil {
			t.Error("bulk insert into a database not marked synthetic")
		}
		if err := s.SetSetting(ctx, "synthetic", "true"); err != nil {
			t.Fatal(err)
		}
		if err := s.BulkInsert(ctx, "audit_events", []string{"id"}, []any{1}); err == nil {
			t.Error("bulk insert into audit_events")
		}
		if err := s.BulkInsert(ctx, "counties", []string{"ehak; DROP TABLE x", "name", "sort_key"}, row); err == nil {
			t.Error("bulk insert with a bad column name")
		}
		if err := s.BulkInsert(ctx, "counties", []string{"ehak", "name", "sort_key"}, row[:2]); err == nil {
			t.Error("bulk insert of a partial row")
		}
		before, _ := s.TableRows(ctx, "counties")
		if err := s.BulkInsert(ctx, "counties", []string{"ehak", "name", "sort_key"}, row); err != nil {
			t.Fatal(err)
		}
		if after, _ := s.TableRows(ctx, "counties"); after != before+1 {
			t.Errorf("%d counties, then %d", before, after)
		}
	})
}
