package sqlstoretest

import (
	"context"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/demo"
	"kovit/internal/sqlstore"
)

// LargePlan writes the action-plan issue's benchmark plan into s (demo.BenchmarkPlan:
// 1,025 nodes, 1,580 participants) and returns its strategy's id; with values, also its
// 5,000 indicator values. Synthetic content, for benchmarks only.
func LargePlan(tb testing.TB, s *sqlstore.Store, values bool) int64 {
	tb.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Võrdlusandmed", Role: auth.RoleCoordinator, Active: true})
	shape := demo.BenchmarkPlan
	if !values {
		shape.Values = 0
	}
	id, err := demo.Plan(ctx, s, shape)
	if err != nil {
		tb.Fatal(err)
	}
	if err := s.Analyze(ctx); err != nil {
		tb.Fatal(err)
	}
	return id
}
