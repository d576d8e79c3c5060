package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestMicrocache(t *testing.T) {
	version := 0
	mux := http.NewServeMux()
	mux.HandleFunc("GET /public", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=1")
		fmt.Fprint(w, version)
	})
	mux.HandleFunc("GET /private", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, version) })
	mux.HandleFunc("GET /cookie", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=1")
		http.SetCookie(w, &http.Cookie{Name: "kovit_session", Value: fmt.Sprint(version)})
		fmt.Fprint(w, version)
	})
	mux.HandleFunc("POST /change", func(w http.ResponseWriter, r *http.Request) { version++ })
	mux.HandleFunc("POST /refused", func(w http.ResponseWriter, r *http.Request) { version++; w.WriteHeader(403) })
	h := Handler(mux, Options{SessionCookie: "kovit_session"})
	get := func(path string, header ...string) string {
		req := httptest.NewRequest("GET", path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	post := func(path string) {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", path, nil))
	}
	if get("/public") != "0" || get("/cookie") != "0" {
		t.Fatal("first")
	}
	version = 5 // a change behind the server's back: anonymous readers see the cached copy
	tests := []struct {
		name, path string
		header     []string
		want       string
	}{
		{"cached", "/public", nil, "0"},
		{"not marked public", "/private", nil, "5"},
		{"sets a cookie", "/cookie", nil, "5"},
		{"signed in", "/public", []string{"Cookie", "kovit_session=abc"}, "5"},
		{"token", "/public", []string{"Authorization", "Bearer x"}, "5"},
		{"other language", "/public", []string{"Cookie", "lang=en"}, "5"},
	}
	for _, tt := range tests {
		if got := get(tt.path, tt.header...); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	post("/refused") // a refused change does not empty the cache (version is 6 now)
	if got := get("/public"); got != "0" {
		t.Errorf("after a refused change: %q", got)
	}
	post("/change") // a change through the server empties it
	if got := get("/public"); got != "7" {
		t.Errorf("after a change: %q, want 7", got)
	}
}
