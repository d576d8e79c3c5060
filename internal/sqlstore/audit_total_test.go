package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// A page past the last one has no events, but its total is still the real one, so a
// pager can lead back.
func TestAuditTotalPastTheEnd(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		_, total, err := s.ListEvents(ctx, audit.Filter{})
		if err != nil || total == 0 {
			t.Fatalf("total %d, %v: the reference data's load is audited", total, err)
		}
		events, past, err := s.ListEvents(ctx, audit.Filter{Offset: total + 100})
		if err != nil || len(events) != 0 || past != total {
			t.Errorf("past the end: %d events, total %d, %v; want none of %d", len(events), past, err, total)
		}
	})
}
