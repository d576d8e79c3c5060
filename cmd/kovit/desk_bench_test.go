package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/demo"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkDesk renders a coordinator's desk on the demo database (`kovit demo`: the
// matrix of 79 municipalities × 77 services, the benchmark plan and the needs load), past
// the anonymous microcache. The target is under 30 ms of server time.
func BenchmarkDesk(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			a := startFilledApp(b, engine, func(ctx context.Context, store *sqlstore.Store) error {
				if err := demo.Generate(ctx, store, demo.Options{Months: 2, Seed: 1, Now: time.Now()}); err != nil {
					return err
				}
				if _, err := demo.Plan(ctx, store, demo.BenchmarkPlan); err != nil {
					return err
				}
				_, err := demo.Needs(ctx, store, demo.BenchmarkNeeds)
				return err
			})
			serve := a.serveAs(b, a.user(b, "kati@kovit.test", auth.RoleCoordinator, ""))
			for _, path := range []string{"/desk", "/api/v1/desk"} {
				if rec := serve(path); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "cell_to_verify") {
					b.Fatalf("%s: %d", path, rec.Code)
				}
				b.Run(path, func(b *testing.B) { loopCPU(b, serve, path) })
			}
		})
	}
}
