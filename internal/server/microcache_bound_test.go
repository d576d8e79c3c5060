package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestMicrocacheBounded: what a client sends cannot grow the cache. 1,000 Accept-Language
// headers and 1,000 lang cookies make at most one copy per language kovit has, 1,000
// query strings stay within the byte cap, a response over an eighth of the cap is not kept,
// the Host header neither varies nor changes what is kept, and expired entries go.
func TestMicrocacheBounded(t *testing.T) {
	const limit = 4 << 20
	renders := 0
	big := strings.Repeat("x", 256<<10)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /big", func(w http.ResponseWriter, r *http.Request) {
		renders++
		w.Header().Set("Cache-Control", "public, max-age=1")
		fmt.Fprint(w, r.Host, big)
	})
	mux.HandleFunc("GET /huge", func(w http.ResponseWriter, r *http.Request) {
		renders++
		w.Header().Set("Cache-Control", "public, max-age=1")
		fmt.Fprint(w, strings.Repeat("x", limit/8+1))
	})
	c := newMicrocache(time.Hour, "kovit_session", "kovit.test", limit)
	h := c.handler(mux)
	get := func(path string, header ...string) string {
		req := httptest.NewRequest("GET", path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Body.String()
	}
	checkCap := func(what string) {
		t.Helper()
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.bytes > limit {
			t.Errorf("%s: the cache holds %d bytes, over its cap of %d", what, c.bytes, limit)
		}
	}

	for i := range 1000 {
		get("/big", "Accept-Language", fmt.Sprintf("x-%d, en;q=0.%d", i, i%10))
		get("/big", "Cookie", fmt.Sprintf("lang=%c%c%d", 'a'+i%26, 'a'+i/26%26, i))
	}
	if renders > 4 {
		t.Errorf("2,000 language variants rendered %d times, want at most one per language pair (4)", renders)
	}
	checkCap("language variants")

	renders = 0
	for i := range 1000 {
		get(fmt.Sprintf("/big?i=%d", i))
	}
	checkCap("1,000 paths")
	if renders != 1000 {
		t.Errorf("1,000 distinct paths rendered %d times", renders)
	}

	renders = 0
	get("/huge")
	get("/huge")
	if renders != 2 {
		t.Errorf("a response over an eighth of the cap was kept (%d renderings of 2)", renders)
	}

	renders = 0
	req := httptest.NewRequest("GET", "/big?host", nil)
	req.Host = "evil.example"
	h.ServeHTTP(httptest.NewRecorder(), req)
	if body := get("/big?host"); !strings.HasPrefix(body, "kovit.test") || renders != 1 {
		t.Errorf("Host header: rendered %d times, body %.20q", renders, body)
	}

	short := newMicrocache(20*time.Millisecond, "kovit_session", "kovit.test", limit)
	hs := short.handler(mux)
	for i := range 5 {
		hs.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", fmt.Sprintf("/big?e=%d", i), nil))
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		short.mu.Lock()
		n, b := len(short.entries), short.bytes
		short.mu.Unlock()
		if n == 0 && b == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("expired entries stay: %d entries, %d bytes", n, b)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
