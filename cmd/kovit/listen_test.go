package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"

	"kovit/internal/server"
)

// TestShutdownStopsRunawayRequest: a request that would run until its context ends does
// not hold the shutdown past its grace period; its context is cancelled.
func TestShutdownStopsRunawayRequest(t *testing.T) {
	started, stopped := make(chan struct{}), make(chan error, 1)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		select {
		case <-r.Context().Done():
			stopped <- nil
		case <-time.After(20 * time.Second):
			stopped <- context.DeadlineExceeded
		}
	})
	const grace = 200 * time.Millisecond
	addr, shutdown := runFor(t, h, grace)
	go http.Get("http://" + addr + "/import")
	<-started
	if d := shutdown(); d > grace+time.Second {
		t.Errorf("shutdown took %v, grace %v", d, grace)
	}
	select {
	case err := <-stopped:
		if err != nil {
			t.Error("the request ran on: its context was never cancelled")
		}
	case <-time.After(5 * time.Second):
		t.Error("the request is still running after the shutdown")
	}
}

// TestShutdownClosesFrontsIdleConnections: with the response cache's hits answered in
// front of net/http's server, a client's idle keep-alive connection (held by the front,
// not net/http) does not hold the shutdown to its grace period.
func TestShutdownClosesFrontsIdleConnections(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=1")
		w.Write([]byte("<p>Omavalitsused</p>"))
	})
	h := server.Handler(mux, server.Options{SessionCookie: "kovit_session", CacheTTL: time.Minute})
	const grace = 5 * time.Second
	addr, shutdown := runFor(t, h, grace)
	client := &http.Client{Transport: &http.Transport{}}
	for range 3 { // a miss, then hits on the same connection: the front's
		res, err := client.Get("http://" + addr + "/page")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || string(body) != "<p>Omavalitsused</p>" {
			t.Fatalf("%d %q", res.StatusCode, body)
		}
	}
	if d := shutdown(); d > grace/2 {
		t.Errorf("shutdown took %v: the idle connection held it", d)
	}
}

// runFor runs h as kovit serve does (run, with the front) on a free port until shutdown,
// which stops it and returns how long it took to return.
func runFor(t *testing.T, h http.Handler, grace time.Duration) (addr string, shutdown func() time.Duration) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)), grace, listener{ln: ln, h: h})
	}()
	return ln.Addr().String(), func() time.Duration {
		start := time.Now()
		stop()
		select {
		case err := <-done:
			if err != nil {
				t.Error(err)
			}
		case <-time.After(grace + 5*time.Second):
			t.Fatal("shutdown still waiting 5 s after the grace period")
		}
		return time.Since(start)
	}
}
