package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"syscall"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/demo"
	"kovit/internal/sqlstore/sqlstoretest"
)

// cpuTime is the CPU time this process has used: on a machine shared with other work the
// wall time per request says more of the machine than of the desk.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkDesk renders a coordinator's desk on the demo database (`kovit demo`: the
// matrix of 79 municipalities × 77 services, the benchmark plan and the needs load), past
// the anonymous microcache. The target is under 30 ms of server time.
func BenchmarkDesk(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			ctx := context.Background()
			store := sqlstoretest.New(b, engine)
			prep := &app{store: store}
			if err := prep.prepareData(ctx); err != nil {
				b.Fatal(err)
			}
			if err := demo.Generate(ctx, store, demo.Options{Months: 2, Seed: 1, Now: time.Now()}); err != nil {
				b.Fatal(err)
			}
			if _, err := demo.Plan(ctx, store, demo.BenchmarkPlan); err != nil {
				b.Fatal(err)
			}
			if _, err := demo.Needs(ctx, store, demo.BenchmarkNeeds); err != nil {
				b.Fatal(err)
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
			for _, path := range []string{"/desk", "/api/v1/desk"} {
				if rec := serve(path); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "cell_to_verify") {
					b.Fatalf("%s: %d", path, rec.Code)
				}
				b.Run(path, func(b *testing.B) {
					b.ReportAllocs()
					start := cpuTime()
					for b.Loop() {
						if rec := serve(path); rec.Code != http.StatusOK {
							b.Fatal(rec.Code)
						}
					}
					b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
				})
			}
		})
	}
}
