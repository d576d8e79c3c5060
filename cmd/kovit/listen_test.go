package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"testing"
	"time"
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
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	const grace = 200 * time.Millisecond
	go func() { done <- run(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)), grace, listener{ln, h}) }()
	go http.Get("http://" + ln.Addr().String() + "/import")
	<-started
	start := time.Now()
	stop()
	select {
	case err := <-done:
		if err != nil {
			t.Error(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("shutdown still waiting after 5 s")
	}
	if d := time.Since(start); d > grace+time.Second {
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
