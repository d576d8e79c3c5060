package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/demo"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkAdvice measures, past the anonymous microcache, a knowledge-base search over
// 5,000 entries (target under 50 ms of server time) and the board of a round of 79
// municipalities × 40 sections (target under 30 ms), as a coordinator on the demo load
// (demo.BenchmarkAdvice).
func BenchmarkAdvice(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			store := sqlstoretest.New(b, engine)
			prep := &app{store: store}
			if err := prep.prepareData(ctx); err != nil {
				b.Fatal(err)
			}
			if err := demo.Advice(ctx, store, demo.BenchmarkAdvice); err != nil {
				b.Fatal(err)
			}
			rounds, err := store.ListCommentRounds(ctx)
			if err != nil || len(rounds) != 1 {
				b.Fatal(rounds, err)
			}
			c := config{DB: store.DSN(), AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: time.Hour, BaseURL: testBaseURL}
			a, err := newApp(ctx, c, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { a.store.Close() })
			srv := httptest.NewServer(a.handler)
			b.Cleanup(srv.Close)
			t := &testApp{URL: srv.URL, store: a.store, routes: a.routes, app: a}
			coord := t.user(b, "kati@kovit.test", auth.RoleCoordinator, "")
			u, _ := url.Parse(t.URL)
			cookies := t.as(b, coord).Jar.Cookies(u)
			serve := func(path string) *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodGet, path, nil)
				for _, c := range cookies {
					req.AddCookie(c)
				}
				rec := httptest.NewRecorder()
				a.handler.ServeHTTP(rec, req)
				return rec
			}
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
				b.Run(bc.path, func(b *testing.B) {
					b.ReportAllocs()
					start := cpuTime()
					for b.Loop() {
						if rec := serve(bc.path); rec.Code != http.StatusOK {
							b.Fatal(rec.Code)
						}
					}
					b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
				})
			}
		})
	}
}
