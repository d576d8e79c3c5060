package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// Every list the database pages keeps its real total on a page past the last one (the
// audit trail's own case is TestAuditTotalPastTheEnd), so a pager can lead back.
func TestListTotalsPastTheEnd(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		if _, err := s.CreateUser(ctx, auth.NewUser{Email: "it@tartu.ee", Name: "Mari", Role: auth.RoleReader}, "hash", false); err != nil {
			t.Fatal(err)
		}
		lists := []struct {
			name string
			page func(offset int) (rows, total int, err error)
		}{
			{"users", func(offset int) (int, int, error) {
				us, total, err := s.ListUsers(ctx, auth.UserFilter{Limit: 10, Offset: offset})
				return len(us), total, err
			}},
			{"strategies", func(offset int) (int, int, error) {
				ss, total, err := s.ListStrategies(ctx, plan.StrategyFilter{Limit: 10, Offset: offset})
				return len(ss), total, err
			}},
		}
		for _, l := range lists {
			rows, total, err := l.page(0)
			if err != nil || rows == 0 || total != rows {
				t.Fatalf("%s: first page %d rows of %d, %v; want some, all on it", l.name, rows, total, err)
			}
			rows, past, err := l.page(total + 5)
			if err != nil || rows != 0 || past != total {
				t.Errorf("%s past the end: %d rows, total %d, %v; want none of %d", l.name, rows, past, err, total)
			}
		}
	})
}
