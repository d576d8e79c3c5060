package server

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestRequestDeadline: a handler that works until its context ends is stopped by the
// request timeout.
func TestRequestDeadline(t *testing.T) {
	stopped := make(chan error, 1)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /import", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
			stopped <- r.Context().Err()
		case <-time.After(5 * time.Second):
			stopped <- errors.New("still running after 5 s")
		}
	})
	h := Handler(mux, Options{RequestTimeout: 50 * time.Millisecond})
	start := time.Now()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/import", nil))
	if err := <-stopped; !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("handler ended with %v, want its deadline", err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("handler ran %v", d)
	}
}
