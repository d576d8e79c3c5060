package server

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// discard is the cheapest ResponseWriter, so that the benchmark times the handler chain.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// BenchmarkCachedHit is what every layer costs an anonymous request answered from the
// response cache, gzipped: the part of a public page's time that is kovit's own.
func BenchmarkCachedHit(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /municipalities", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=1")
		io.WriteString(w, page)
	})
	h := Handler(mux, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelWarn})),
		Metrics: NewMetrics(), SessionCookie: "kovit_session", BaseURL: "https://kovit.test", RequestTimeout: time.Minute})
	req := httptest.NewRequest("GET", "/municipalities", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			h.ServeHTTP(&discard{h: http.Header{}}, req)
		}
	})
}
