package sqlstoretest

import (
	"context"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/demo"
	"kovit/internal/sqlstore"
)

// ManyNeeds writes the needs issue's benchmark load into s (demo.BenchmarkNeeds: 3,000
// needs from 79 municipalities, 2,400 submitted, 300 consolidated needs of 8) and returns
// the needs' ids in the order written. Synthetic content, for benchmarks only.
func ManyNeeds(tb testing.TB, s *sqlstore.Store) []int64 {
	tb.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Võrdlusandmed", Role: auth.RoleCoordinator, Active: true})
	ids, err := demo.Needs(ctx, s, demo.BenchmarkNeeds)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Analyze(ctx); err != nil {
		tb.Fatal(err)
	}
	return ids
}
