package server

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestViewerCache: a page its handler lets the viewers' cache keep is kept per viewer and
// emptied by every successful change (before the change's answer is written) and by the
// Dropper, never by a refused one; a page not let keep, and a request with no viewer, are
// rendered each time.
func TestViewerCache(t *testing.T) {
	version := 0
	var h http.Handler
	var during string // what viewer a read while the change's answer was being written
	mux := http.NewServeMux()
	mux.HandleFunc("GET /kept", func(w http.ResponseWriter, r *http.Request) {
		KeepForViewer(r)
		fmt.Fprintf(w, "%d %s", version, r.Header.Get("Viewer"))
	})
	mux.HandleFunc("GET /rendered", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, version) })
	mux.HandleFunc("POST /change", func(w http.ResponseWriter, r *http.Request) {
		version++
		w.WriteHeader(http.StatusSeeOther)
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/kept", nil)
		req.Header.Set("Viewer", "a")
		h.ServeHTTP(rec, req)
		during = rec.Body.String()
	})
	mux.HandleFunc("POST /refused", func(w http.ResponseWriter, r *http.Request) { version++; w.WriteHeader(http.StatusConflict) })
	dropper := &Dropper{}
	h = Handler(mux, Options{SessionCookie: "kovit_session", Dropper: dropper,
		ViewerKey: func(r *http.Request) string { return r.Header.Get("Viewer") }})
	get := func(path, viewer string) string {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Cookie", "kovit_session=x") // past the anonymous cache
		if viewer != "" {
			req.Header.Set("Viewer", viewer)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	post := func(path string) {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", path, nil))
	}
	get("/kept", "a")
	get("/rendered", "a")
	version = 5 // behind the server's back: only a kept page is older
	for _, tt := range []struct{ name, path, viewer, want string }{
		{"kept", "/kept", "a", "0 a"},
		{"another viewer", "/kept", "b", "5 b"},
		{"no viewer", "/kept", "", "5 "},
		{"not let keep", "/rendered", "a", "5"},
	} {
		if got := get(tt.path, tt.viewer); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	post("/refused") // version 6
	if got := get("/kept", "a"); got != "0 a" {
		t.Errorf("after a refused change: %q", got)
	}
	post("/change") // version 7, read while the answer is written
	if during != "7 a" {
		t.Errorf("read as the change's answer was written: %q, want %q", during, "7 a")
	}
	version = 8
	dropper.Drop([]string{"municipality"})
	if got := get("/kept", "a"); got != "8 a" {
		t.Errorf("after a change the Dropper told of: %q, want %q", got, "8 a")
	}
}

// TestViewerCacheBounded: however many viewers, the cache holds no more than its cap.
func TestViewerCacheBounded(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) {
		KeepForViewer(r)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		for range 100 {
			w.Write([]byte(rand.Text())) // 2.6 KB in all, compressed to about two thirds
		}
	})
	const maxBytes = 64 << 10
	c := newMicrocache(10e9, "kovit_session", "", maxBytes)
	c.viewer = true
	h := c.viewers(mux, func(r *http.Request) string { return r.Header.Get("Viewer") })
	for i := range 500 {
		req := httptest.NewRequest("GET", "/page", nil)
		req.Header.Set("Viewer", fmt.Sprint(i))
		req.Header.Set("Accept-Encoding", "gzip")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("viewer %d: %d", i, rec.Code)
		}
		c.mu.Lock()
		n, bytes := len(c.entries), c.bytes
		c.mu.Unlock()
		if bytes > c.maxBytes {
			t.Fatalf("after %d viewers: %d bytes kept, over the cap of %d", i+1, bytes, c.maxBytes)
		}
		if i == 499 && (n < 10 || n > 60) {
			t.Errorf("%d pages kept of 2.6 KB within %d bytes", n, c.maxBytes)
		}
	}
}
