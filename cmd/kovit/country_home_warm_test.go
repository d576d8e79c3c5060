package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"kovit/internal/sqlstore/sqlstoretest"
)

// TestWarmHome: serve hands WarmCells the home page's reads, which read through the store
// (a closed store fails them) and succeed on a running one.
func TestWarmHome(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		fillCells(t, a)
		if a.app.warm == nil {
			t.Fatal("serve warms nothing besides the matrix")
		}
		if err := a.app.warm(context.Background()); err != nil {
			t.Fatalf("warming the home page: %v", err)
		}
		a.store.Close()
		if err := a.app.warm(context.Background()); err == nil {
			t.Error("warming read nothing from the store: a closed store did not fail it")
		}
	})
}

// BenchmarkCountryHomeFirst times the home page's first request after a start, once the
// process says it is ready (issue 17: under 500 ms on the large country; it took some 2 s
// when only the matrix was read before ready). Each iteration starts kovit anew and waits
// for /healthz/ready's answer, Store.Ready, outside the time. KOVIT_BENCH_COUNTRY as for
// BenchmarkCountryPages:
//
//	KOVIT_BENCH_COUNTRY='postgres://…/kovit_de' go test -run '^$' -bench BenchmarkCountryHomeFirst -benchtime=2x ./cmd/kovit/
func BenchmarkCountryHomeFirst(b *testing.B) {
	dsn, large := os.Getenv("KOVIT_BENCH_COUNTRY"), true
	if dsn == "" {
		dsn, large = sqlstoretest.Country(b).DSN(), false
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var ready time.Duration
	for b.Loop() {
		b.StopTimer()
		ctx, cancel := context.WithCancel(context.Background())
		a, err := newApp(ctx, config{DB: dsn, AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: 3600e9}, log)
		if err != nil {
			b.Fatal(err)
		}
		if !large {
			a.store.WholeCells = 1
		}
		start := time.Now()
		go a.store.Listen(ctx, log)
		a.store.WarmCells(ctx, log, a.warm)
		for a.store.Ready(ctx) != nil {
			time.Sleep(10 * time.Millisecond)
		}
		ready += time.Since(start)
		b.StartTimer()
		rec := httptest.NewRecorder()
		a.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
		b.StopTimer()
		if rec.Code != http.StatusOK {
			b.Fatalf("home: %d", rec.Code)
		}
		cancel()
		a.store.Close()
		b.StartTimer()
	}
	b.ReportMetric(ready.Seconds()/float64(b.N), "s-to-ready")
}
