package sqlstoretest

import (
	"context"
	"testing"
	"time"

	"kovit/internal/demo"
	"kovit/internal/sqlstore"
)

// Country is a fresh PostgreSQL test database holding Estonia's reference data and the
// large country's synthetic data at Estonia's scale (kovit demo --size de, scaled to 79
// more municipalities), its last month of history 2026-10: what the large country's
// benchmarks run on without a database of the full size.
func Country(t testing.TB) *sqlstore.Store {
	ctx := context.Background()
	s := New(t, "postgres")
	shape := demo.Germany.Scaled(79.0 / 10_800)
	shape.Now = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	if err := demo.Country(ctx, s, shape); err != nil {
		t.Fatal(err)
	}
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	return s
}
