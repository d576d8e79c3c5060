package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"syscall"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The benchmarks' one setup: kovit over a database a generator filled, a signed-in
// user's requests served straight to the handler, and the CPU time each one took.

// startFilledApp runs kovit on engine over a database that fill wrote after the reference
// data. The demo generators refuse a database with users, so they write before kovit
// starts (and makes its admin).
func startFilledApp(b testing.TB, engine string, fill func(ctx context.Context, store *sqlstore.Store) error) *testApp {
	b.Helper()
	ctx := context.Background()
	store := sqlstoretest.New(b, engine)
	if err := (&app{store: store}).prepareData(ctx); err != nil {
		b.Fatal(err)
	}
	if err := fill(ctx, store); err != nil {
		b.Fatal(err)
	}
	return startAppOn(b, store.DSN(), nil)
}

// serveAs serves a GET of path to u's session, past the network and the anonymous cache.
func (a *testApp) serveAs(b testing.TB, u auth.User) func(path string) *httptest.ResponseRecorder {
	b.Helper()
	base, _ := url.Parse(a.URL)
	return serveWith(a.app.handler, a.as(b, u).Jar.Cookies(base))
}

// serveWith serves a GET of path to h with cookies.
func serveWith(h http.Handler, cookies []*http.Cookie) func(path string) *httptest.ResponseRecorder {
	return func(path string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		for _, c := range cookies {
			req.AddCookie(c)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
}

// loopCPU serves path b.N times, failing on anything but 200, and reports the process's
// CPU time per request: on a machine shared with other work the wall time says more of
// the machine than of the page.
func loopCPU(b *testing.B, serve func(path string) *httptest.ResponseRecorder, path string) {
	b.ReportAllocs()
	start := cpuTime()
	for b.Loop() {
		if rec := serve(path); rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, rec.Code)
		}
	}
	b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// cpuTime is the CPU time this process has used: on a machine shared with other work the
// wall time per request says more of the machine than of the desk.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
