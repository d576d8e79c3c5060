package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// A change the server did not see (a job's, another process's) reaches the response
// cache through its Dropper: the next anonymous request gets a fresh answer, however long
// the cache would keep it otherwise, and every handler given the Dropper is emptied.
func TestDropperEmptiesResponseCache(t *testing.T) {
	version := 0
	mux := http.NewServeMux()
	mux.HandleFunc("GET /public", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=1")
		fmt.Fprint(w, version)
	})
	d := &Dropper{}
	handlers := []http.Handler{
		Handler(mux, Options{SessionCookie: "kovit_session", CacheTTL: time.Hour, Dropper: d}),
		Handler(mux, Options{SessionCookie: "kovit_session", CacheTTL: time.Hour, Dropper: d}),
	}
	get := func(h http.Handler) string {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/public", nil))
		return rec.Body.String()
	}
	for _, h := range handlers {
		get(h)
	}
	version = 1
	for i, h := range handlers {
		if got := get(h); got != "0" {
			t.Fatalf("handler %d before the drop: %q, want the cached 0", i, got)
		}
	}
	d.Drop([]string{"municipality"})
	for i, h := range handlers {
		if got := get(h); got != "1" {
			t.Errorf("handler %d after the drop: %q, want 1", i, got)
		}
	}
}
