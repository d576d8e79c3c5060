package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/demo"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkAdvice measures, past the anonymous microcache, a knowledge-base search over
// 5,000 entries (target under 50 ms of server time) and the board of a round of 79
// municipalities × 40 sections (target under 30 ms), as a coordinator on the demo load
// (demo.BenchmarkAdvice).
func BenchmarkAdvice(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			a := startFilledApp(b, engine, func(ctx context.Context, store *sqlstore.Store) error {
				return demo.Advice(ctx, store, demo.BenchmarkAdvice)
			})
			rounds, err := a.store.ListCommentRounds(context.Background())
			if err != nil || len(rounds) != 1 {
				b.Fatal(rounds, err)
			}
			serve := a.serveAs(b, a.user(b, "kati@kovit.test", auth.RoleCoordinator, ""))
			round := "/comment-rounds/" + itoa(rounds[0].ID)
			for _, bc := range []struct{ path, want string }{
				{"/kb?q=dokumendiregistris+avalikustamine", "Näidis"},
				{"/api/v1/kb?q=andmekaitse+turvameetmed", "Näidis"},
				{round + "/board", "Vastanud 0 / 79"},
				{round, "Vastanud 0 / 79"},
				{"/api/v1/comment-rounds/" + itoa(rounds[0].ID), `"board"`},
			} {
				if rec := serve(bc.path); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), bc.want) {
					b.Fatalf("%s: %d %.300s", bc.path, rec.Code, rec.Body.String())
				}
				b.Run(bc.path, func(b *testing.B) { loopCPU(b, serve, bc.path) })
			}
		})
	}
}
