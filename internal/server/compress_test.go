package server

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestNegotiate(t *testing.T) {
	tests := []struct {
		header         string
		cached, stream encoding
	}{
		{"", identity, identity},
		{"gzip", encGzip, encGzip},
		{"x-gzip", encGzip, encGzip},
		{"GZip", encGzip, encGzip},
		{"gzip, deflate, br", encBrotli, encGzip},
		{"gzip, deflate, br, zstd", encBrotli, encZstd},
		{"br;q=0.5, gzip", encGzip, encGzip},
		{"br;q=1.0, gzip;q=0.8, zstd;q=0.9", encBrotli, encBrotli},
		{"zstd, gzip;q=0.9", encZstd, encZstd},
		{"*", encBrotli, encZstd},
		{"*;q=0.1, gzip;q=0", encBrotli, encZstd},
		{"gzip;q=0", identity, identity},
		{"identity", identity, identity},
		{"identity;q=0, deflate", identity, identity}, // nothing kovit has: the body as it is
		{"gzip;q=bad", identity, identity},
		{"br;q=1.5", identity, identity},
		{"gzip ; q=0.001", encGzip, encGzip},
		{"compress, gzip", encGzip, encGzip},
	}
	for _, tt := range tests {
		if got := negotiate(tt.header, cachedOrder); got != tt.cached {
			t.Errorf("negotiate(%q) for a kept body = %v, want %v", tt.header, got, tt.cached)
		}
		if got := negotiate(tt.header, streamOrder); got != tt.stream {
			t.Errorf("negotiate(%q) for a streamed body = %v, want %v", tt.header, got, tt.stream)
		}
	}
}

// TestVaryOn: Accept-Encoding is added once, and whatever Vary a response had is left on
// one line.
func TestVaryOn(t *testing.T) {
	tests := []struct {
		have []string
		want string
	}{
		{nil, "Accept-Encoding"},
		{[]string{"Cookie"}, "Cookie, Accept-Encoding"},
		{[]string{"Cookie", "Accept-Language"}, "Cookie, Accept-Language, Accept-Encoding"},
		{[]string{"accept-encoding"}, "accept-encoding"},
		{[]string{"Cookie", "Accept-Encoding"}, "Cookie, Accept-Encoding"},
		{[]string{"*"}, "*"},
	}
	for _, tt := range tests {
		h := http.Header{}
		for _, v := range tt.have {
			h.Add("Vary", v)
		}
		varyOn(h)
		if got := h.Values("Vary"); len(got) != 1 || got[0] != tt.want {
			t.Errorf("varyOn(%q) = %q, want one line %q", tt.have, got, tt.want)
		}
	}
}

// page is a text body long enough to be compressed.
var page = strings.Repeat("<tr><td>Viljandi vald</td><td>Sotsiaaltoetus</td><td>3</td></tr>\n", 400)

// compressionMux serves the same page publicly (kept), privately (streamed), and the types
// and sizes that must not be compressed.
func compressionMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /public", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=1")
		io.WriteString(w, page)
	})
	mux.HandleFunc("GET /private", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		for i := 0; i < len(page); i += 100 { // in pieces, as a template writes
			io.WriteString(w, page[i:min(i+100, len(page))])
		}
	})
	mux.HandleFunc("GET /tiny", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "public, max-age=1")
		io.WriteString(w, `{"items":[]}`)
	})
	mux.HandleFunc("GET /sheet.xlsx", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		io.WriteString(w, page)
	})
	mux.HandleFunc("GET /image.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Cache-Control", "public, max-age=1")
		io.WriteString(w, page)
	})
	return mux
}

// TestCompression: each response in the coding its client accepts, the same bytes after
// decoding, Vary on every text response, and no coding for tiny bodies or binary types,
// kept in the cache or streamed.
func TestCompression(t *testing.T) {
	h := Handler(compressionMux(), Options{SessionCookie: "kovit_session"})
	tests := []struct {
		path, accept, cookie string
		want                 encoding
		vary                 bool
	}{
		{"/public", "gzip", "", encGzip, true},
		{"/public", "gzip, deflate, br, zstd", "", encBrotli, true},
		{"/public", "zstd", "", encZstd, true},
		{"/public", "", "", identity, true},
		{"/public", "gzip;q=0, identity", "", identity, true},
		{"/private", "gzip", "", encGzip, true},
		{"/private", "gzip, deflate, br, zstd", "", encZstd, true},
		{"/private", "br", "", encBrotli, true},
		{"/private", "", "", identity, true},
		{"/public", "gzip, br", "kovit_session=x", encGzip, true}, // signed in: streamed, fast coding first
		{"/tiny", "gzip", "", identity, true},
		{"/sheet.xlsx", "gzip", "", identity, false},
		{"/image.png", "gzip, br", "", identity, false},
	}
	for _, tt := range tests {
		for round := range 2 { // the second from the cache where there is one
			req := httptest.NewRequest("GET", tt.path, nil)
			if tt.accept != "" {
				req.Header.Set("Accept-Encoding", tt.accept)
			}
			if tt.cookie != "" {
				req.Header.Set("Cookie", tt.cookie)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			what := fmt.Sprintf("%s with %q %s (round %d)", tt.path, tt.accept, tt.cookie, round)
			res := rec.Result()
			ce := res.Header.Get("Content-Encoding")
			if want := tt.want.String(); ce != want && !(ce == "" && tt.want == identity) {
				t.Errorf("%s: Content-Encoding %q, want %v", what, ce, tt.want)
				continue
			}
			if got := strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding"); got != tt.vary {
				t.Errorf("%s: Vary Accept-Encoding %v, want %v (%q)", what, got, tt.vary, res.Header.Values("Vary"))
			}
			raw, err := decode(tt.want, rec.Body.Bytes())
			if err != nil {
				t.Errorf("%s: %v", what, err)
				continue
			}
			want := page
			if tt.path == "/tiny" {
				want = `{"items":[]}`
			}
			if string(raw) != want {
				t.Errorf("%s: body of %d bytes differs from the page's %d after decoding", what, len(raw), len(want))
			}
			if n := res.Header.Get("Content-Length"); n != "" && n != fmt.Sprint(rec.Body.Len()) {
				t.Errorf("%s: Content-Length %s for %d bytes", what, n, rec.Body.Len())
			}
		}
	}
}

// TestCompressedOnce: a kept page is compressed once per coding, however often it is asked
// for, and a client that takes no coding is given the kept body decoded, not recompressed.
func TestCompressedOnce(t *testing.T) {
	c := newMicrocache(time.Hour, "kovit_session", "", 0)
	h := c.handler(compressionMux())
	ask := func(accept string, n int) {
		for range n {
			req := httptest.NewRequest("GET", "/public", nil)
			req.Header.Set("Accept-Encoding", accept)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if raw, err := decode(negotiate(accept, cachedOrder), rec.Body.Bytes()); err != nil || string(raw) != page {
				t.Fatalf("%q: not the page (%v)", accept, err)
			}
		}
	}
	steps := []struct {
		accept string
		want   int64
	}{
		{"gzip", 1}, {"gzip", 1}, {"br, gzip", 2}, {"zstd", 3}, {"", 3}, {"gzip, br, zstd", 3},
	}
	for _, s := range steps {
		ask(s.accept, 50)
		if got := c.compressions.Load(); got != s.want {
			t.Errorf("after 50 requests with %q: %d compressions, want %d", s.accept, got, s.want)
		}
	}
	c.mu.Lock()
	var e *cachedResponse
	for _, e = range c.entries {
	}
	n := len(c.entries)
	c.mu.Unlock()
	if n != 1 {
		t.Fatalf("%d pages kept, want 1", n)
	}
	var kept int64
	for enc := range encodings {
		if b := e.bodies[enc].Load(); b != nil {
			kept += int64(len(b.data))
		}
	}
	if e.size < kept || c.bytes != e.size {
		t.Errorf("the entry counts %d bytes (cache %d) for %d bytes of bodies", e.size, c.bytes, kept)
	}
}

// TestCompressedCacheBound: the cap counts what is kept, the compressed bytes: a hundred
// pages of 300 KB that compress well all fit in a 4 MB cache, and asking each in every
// coding still keeps the cache within its cap.
func TestCompressedCacheBound(t *testing.T) {
	const limit = 4 << 20
	renders := 0
	mux := http.NewServeMux()
	mux.HandleFunc("GET /p", func(w http.ResponseWriter, r *http.Request) {
		renders++
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Cache-Control", "public")
		fmt.Fprintf(w, "%s%s", r.URL.RawQuery, strings.Repeat(page, 12))
	})
	c := newMicrocache(time.Hour, "kovit_session", "kovit.test", limit)
	h := c.handler(mux)
	get := func(path, accept string) {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Accept-Encoding", accept)
		h.ServeHTTP(httptest.NewRecorder(), req)
	}
	for i := range 100 {
		get(fmt.Sprintf("/p?%d", i), "gzip")
	}
	renders = 0
	for i := range 100 {
		get(fmt.Sprintf("/p?%d", i), "gzip")
	}
	if renders != 0 {
		t.Errorf("%d of 100 gzipped pages of %d KB were not kept in a cache of %d MB", renders, len(page)*12>>10, limit>>20)
	}
	for _, accept := range []string{"br", "zstd", ""} {
		for i := range 100 {
			get(fmt.Sprintf("/p?%d", i), accept)
		}
		c.mu.Lock()
		var sum int64
		for _, e := range c.entries {
			sum += e.size
		}
		if c.bytes > c.maxBytes || sum != c.bytes {
			t.Errorf("after asking for %q: %d bytes counted, %d in the entries, cap %d", accept, c.bytes, sum, c.maxBytes)
		}
		c.mu.Unlock()
	}
}

// TestCompressedStreams: a download and a signed-in response are compressed as they are
// written: the client reads the first part while the handler is still writing.
func TestCompressedStreams(t *testing.T) {
	for _, tt := range []struct{ name, cookie, disposition string }{
		{"signed in", "kovit_session=x", ""},
		{"anonymous download", "", "attachment; filename=\"x.csv\""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			release := make(chan struct{})
			mux := http.NewServeMux()
			mux.HandleFunc("GET /export.csv", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/csv")
				w.Header().Set("Cache-Control", "public")
				if tt.disposition != "" {
					w.Header().Set("Content-Disposition", tt.disposition)
				}
				io.WriteString(w, page)
				http.NewResponseController(w).Flush()
				<-release
				io.WriteString(w, page)
			})
			srv := httptest.NewServer(Handler(mux, Options{SessionCookie: "kovit_session"}))
			defer srv.Close()
			req, _ := http.NewRequest("GET", srv.URL+"/export.csv", nil)
			if tt.cookie != "" {
				req.Header.Set("Cookie", tt.cookie)
			}
			res, err := http.DefaultClient.Do(req) // asks for gzip and decodes it
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if !res.Uncompressed {
				t.Errorf("not gzipped: %q", res.Header.Get("Content-Encoding"))
			}
			first := make([]byte, len(page))
			done := make(chan error, 1)
			go func() { _, err := io.ReadFull(res.Body, first); done <- err }()
			select {
			case err := <-done:
				if err != nil || string(first) != page {
					t.Fatalf("first part: %v", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("the first part did not arrive while the handler was writing")
			}
			close(release)
			rest, _ := io.ReadAll(res.Body)
			if string(rest) != page {
				t.Errorf("rest: %d bytes", len(rest))
			}
		})
	}
}

// TestHeadAndRange: HEAD gets GET's headers and no body, from the cache too; a Range on a
// cached page is answered with the whole page, and a 206 is never compressed.
func TestHeadAndRange(t *testing.T) {
	mux := compressionMux()
	mux.HandleFunc("GET /file.txt", func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, "file.txt", time.Time{}, strings.NewReader(page))
	})
	h := Handler(mux, Options{SessionCookie: "kovit_session"})
	do := func(method, path string, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	head := do("HEAD", "/public") // before any GET: rendered, not kept
	got := do("GET", "/public")
	cached := do("HEAD", "/public")
	for _, r := range []*httptest.ResponseRecorder{head, cached} {
		if r.Code != 200 || r.Body.Len() != 0 || r.Header().Get("Content-Encoding") != "gzip" || r.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("HEAD: %d, %d bytes, %v", r.Code, r.Body.Len(), r.Header())
		}
	}
	if cached.Header().Get("Content-Length") != got.Header().Get("Content-Length") || cached.Header().Get("ETag") != got.Header().Get("ETag") {
		t.Errorf("HEAD from the cache: %v, GET: %v", cached.Header(), got.Header())
	}
	ranged := do("GET", "/public", "Range", "bytes=0-9")
	if ranged.Code != 200 || !bytes.Equal(ranged.Body.Bytes(), got.Body.Bytes()) {
		t.Errorf("Range on a kept page: %d, %d bytes", ranged.Code, ranged.Body.Len())
	}
	for _, cookie := range []string{"", "kovit_session=x"} { // kept, and streamed
		part := do("GET", "/file.txt", "Range", "bytes=0-9", "Cookie", cookie)
		if part.Code != 206 || part.Header().Get("Content-Encoding") != "" || part.Body.String() != page[:10] {
			t.Errorf("206 (%q): %d, %q, %q", cookie, part.Code, part.Header().Get("Content-Encoding"), part.Body.String())
		}
		whole, head := do("GET", "/file.txt", "Cookie", cookie), do("HEAD", "/file.txt", "Cookie", cookie)
		for _, r := range []*httptest.ResponseRecorder{whole, head} {
			if r.Code != 200 || r.Header().Get("Content-Encoding") != "gzip" || r.Header().Get("Accept-Ranges") != "" {
				t.Errorf("file (%q): %d, %v", cookie, r.Code, r.Header())
			}
		}
		if head.Body.Len() != 0 {
			t.Errorf("HEAD of the file (%q): %d bytes", cookie, head.Body.Len())
		}
	}
}
