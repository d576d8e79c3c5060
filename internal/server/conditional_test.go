package server

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestConditional: a kept page names its content by a strong ETag when sent as it is and
// the same tag weak when compressed; either in If-None-Match gets 304, a changed page a
// new tag; Last-Modified appears once the content is a second old and stays across
// re-renderings, and If-Modified-Since is weighed only without If-None-Match.
func TestConditional(t *testing.T) {
	version := "eins"
	mux := http.NewServeMux()
	mux.HandleFunc("GET /p", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Cache-Control", "public, max-age=1")
		w.Write([]byte(version + page))
	})
	mux.HandleFunc("POST /change", func(w http.ResponseWriter, r *http.Request) { version = "zwei" })
	c := newMicrocache(50*time.Millisecond, "kovit_session", "", 0)
	h := c.handler(mux)
	do := func(method, accept string, header ...string) *http.Response {
		req := httptest.NewRequest(method, "/p", nil)
		if accept != "" {
			req.Header.Set("Accept-Encoding", accept)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Result()
	}
	plain, gz := do("GET", ""), do("GET", "gzip")
	strong, weak := plain.Header.Get("ETag"), gz.Header.Get("ETag")
	if !strings.HasPrefix(strong, `"`) || weak != "W/"+strong {
		t.Fatalf("ETag %q as it is, %q gzipped", strong, weak)
	}
	if want := etagOf([]byte(version + page)); strong != want {
		t.Errorf("ETag %s, want the hash of the uncompressed body %s", strong, want)
	}
	for _, tt := range []struct {
		name, accept, inm string
		want              int
	}{
		{"strong, as it is", "", strong, 304},
		{"weak, gzipped", "gzip", weak, 304},
		{"strong tag, gzipped", "gzip", strong, 304},
		{"weak tag, as it is", "", weak, 304},
		{"among others", "br", `"x", ` + weak, 304},
		{"any", "gzip", "*", 304},
		{"another", "gzip", `"x"`, 200},
	} {
		res := do("GET", tt.accept, "If-None-Match", tt.inm)
		if res.StatusCode != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, res.StatusCode, tt.want)
		}
		if tt.want == 304 {
			if res.Header.Get("ETag") == "" || res.Header.Get("Vary") != "Accept-Encoding" || res.Header.Get("Content-Encoding") != "" {
				t.Errorf("%s: 304 header %v", tt.name, res.Header)
			}
		}
	}
	if res := do("HEAD", "gzip", "If-None-Match", weak); res.StatusCode != 304 {
		t.Errorf("HEAD: %d", res.StatusCode)
	}

	// Last-Modified: absent while the content is younger than a second, then the second
	// after it was first seen, the same after the entry expired and was rendered again.
	var lm string
	for deadline := time.Now().Add(3 * time.Second); lm == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		lm = do("GET", "gzip").Header.Get("Last-Modified")
	}
	if lm == "" {
		t.Fatal("no Last-Modified after 3 s")
	}
	time.Sleep(100 * time.Millisecond) // the entry expires; the same content is rendered again
	if again := do("GET", "gzip"); again.Header.Get("Last-Modified") != lm || again.Header.Get("ETag") != weak {
		t.Errorf("re-rendered: Last-Modified %q ETag %q, want %q %q", again.Header.Get("Last-Modified"), again.Header.Get("ETag"), lm, weak)
	}
	if res := do("GET", "gzip", "If-Modified-Since", lm); res.StatusCode != 304 {
		t.Errorf("If-Modified-Since its Last-Modified: %d", res.StatusCode)
	}
	if res := do("GET", "gzip", "If-Modified-Since", lm, "If-None-Match", `"x"`); res.StatusCode != 200 {
		t.Errorf("If-None-Match that fails wins over If-Modified-Since: %d", res.StatusCode)
	}

	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/change", nil))
	changed := do("GET", "gzip", "If-None-Match", weak)
	if changed.StatusCode != 200 || changed.Header.Get("ETag") == weak {
		t.Errorf("after a change: %d with ETag %s", changed.StatusCode, changed.Header.Get("ETag"))
	}
	if res := do("GET", "gzip", "If-Modified-Since", lm); res.StatusCode != 200 {
		t.Errorf("after a change, If-Modified-Since the old date: %d", res.StatusCode)
	}
}

// TestLastModifiedNeverShared: two contents of one key never get the same date, even when
// they change within one second, and the date is never later than the moment it is sent.
func TestLastModifiedNeverShared(t *testing.T) {
	v := validators{maxBytes: 1 << 20}
	t0 := time.Date(2026, 12, 6, 10, 0, 0, 300e6, time.UTC)
	if lm := v.lastModified("k", `"a"`, t0); !lm.IsZero() {
		t.Errorf("content seen just now has a date: %v", lm)
	}
	lmA := v.lastModified("k", `"a"`, t0.Add(800*time.Millisecond)) // 10:00:01.1
	if !lmA.Equal(t0.Truncate(time.Second).Add(time.Second)) {
		t.Errorf("a: %v", lmA)
	}
	// b replaces a 10:00:01.2: dated only from 10:00:02, after the date a was given.
	if lm := v.lastModified("k", `"b"`, t0.Add(900*time.Millisecond)); !lm.IsZero() {
		t.Errorf("b at once: %v", lm)
	}
	lmB := v.lastModified("k", `"b"`, t0.Add(2*time.Second))
	if !lmB.After(lmA) {
		t.Errorf("b dated %v, a %v", lmB, lmA)
	}
	// Bounded: many keys keep it within its bytes, the newest stays.
	small := validators{maxBytes: 1000}
	for i := range 100 {
		small.lastModified(strings.Repeat("x", i), `"a"`, t0)
	}
	if small.bytes > 1000 || len(small.seen) != len(small.order) {
		t.Errorf("%d bytes, %d seen, %d in order", small.bytes, len(small.seen), len(small.order))
	}
}
