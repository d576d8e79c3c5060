package main

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"

	"kovit/internal/auth"
)

// rawGet fetches u as it is sent, with no decoding by the client, and returns the body
// decoded by its Content-Encoding. A long text body must shrink at least threefold.
func rawGet(t *testing.T, c *http.Client, u string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	wire, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	var r io.Reader
	switch ce := res.Header.Get("Content-Encoding"); ce {
	case "":
		return res, wire
	case "gzip":
		if r, err = gzip.NewReader(bytes.NewReader(wire)); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
	case "br":
		r = brotli.NewReader(bytes.NewReader(wire))
	case "zstd":
		d, err := zstd.NewReader(bytes.NewReader(wire))
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		r = d
	default:
		t.Fatalf("%s: Content-Encoding %q", u, ce)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: decoding %s: %v", u, res.Header.Get("Content-Encoding"), err)
	}
	if len(wire)*3 > len(plain) && len(plain) > 64<<10 {
		t.Errorf("%s: %s sent %d bytes for %d", u, res.Header.Get("Content-Encoding"), len(wire), len(plain))
	}
	return res, plain
}

// TestCompressionEndToEnd: kovit's public pages and list APIs, and a signed-in page, in
// every coding a client may ask for, the same bytes after decoding; conditional requests
// answered 304 until a change through the server; downloads compressed or not by type.
func TestCompressionEndToEnd(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		raw := &http.Client{Transport: &http.Transport{DisableCompression: true},
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		paths := []string{"/municipalities", "/api/v1/municipalities", "/eservices", "/api/v1/matrix", "/municipalities/0793"}
		tags := map[string]string{}
		for _, p := range paths {
			_, plain := rawGet(t, raw, a.URL+p)
			for _, accept := range []string{"gzip", "br", "zstd", "gzip, deflate, br, zstd", "identity"} {
				res, body := rawGet(t, raw, a.URL+p, "Accept-Encoding", accept)
				want := map[string]string{"gzip": "gzip", "br": "br", "zstd": "zstd", "gzip, deflate, br, zstd": "br", "identity": ""}[accept]
				if ce := res.Header.Get("Content-Encoding"); ce != want || res.StatusCode != 200 {
					t.Errorf("%s with %q: %d, Content-Encoding %q, want %q", p, accept, res.StatusCode, ce, want)
				}
				if !bytes.Equal(body, plain) {
					t.Errorf("%s with %q: %d bytes after decoding, %d as it is", p, accept, len(body), len(plain))
				}
				if !strings.Contains(strings.Join(res.Header.Values("Vary"), ","), "Accept-Encoding") {
					t.Errorf("%s: Vary %q", p, res.Header.Values("Vary"))
				}
				etag := res.Header.Get("ETag")
				if want != "" {
					etag = strings.TrimPrefix(etag, "W/")
				}
				if etag == "" || (tags[p] != "" && tags[p] != etag) {
					t.Errorf("%s with %q: ETag %q, before %q", p, accept, res.Header.Get("ETag"), tags[p])
				}
				tags[p] = etag
			}
			if res, _ := rawGet(t, raw, a.URL+p, "Accept-Encoding", "gzip", "If-None-Match", "W/"+tags[p]); res.StatusCode != 304 {
				t.Errorf("%s: If-None-Match its ETag: %d", p, res.StatusCode)
			}
		}

		// A signed-in editor's page is compressed too, rendered for the request, with no
		// validator the anonymous cache would give.
		editor := a.as(t, a.user(t, "mari@viljandi.test", auth.RoleEditor, "0899"))
		res, err := editor.Get(a.URL + "/eservices")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if !res.Uncompressed || res.Header.Get("ETag") != "" {
			t.Errorf("signed-in page: decoded %v, ETag %q", res.Uncompressed, res.Header.Get("ETag"))
		}
		save := url.Values{"offering": {"offered"}, "met": criteriaUpTo(t, a.store, 2), "url": {"https://www.viljandivald.ee/e"}, "version": {"0"}}
		if s, body := postForm(t, editor, a.URL+"/eservices/0899/SOC-001", save); s != http.StatusSeeOther {
			t.Fatalf("save: %d\n%.300s", s, body)
		}
		// The change dropped the cache: the matrix has a new ETag, the municipality list,
		// rendered again the same, keeps its own.
		for p, changed := range map[string]bool{"/eservices": true, "/api/v1/matrix": true, "/api/v1/municipalities": false} {
			res, _ := rawGet(t, raw, a.URL+p, "Accept-Encoding", "gzip", "If-None-Match", "W/"+tags[p])
			if got := res.StatusCode == 200; got != changed {
				t.Errorf("%s after a change: %d", p, res.StatusCode)
			}
		}

		// Downloads: a CSV is text and compressed, an XLSX is a zip already.
		for p, want := range map[string]string{"/municipalities.csv": "gzip", "/municipalities.xlsx": ""} {
			res, body := rawGet(t, raw, a.URL+p, "Accept-Encoding", "gzip")
			if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != want || len(body) < 1000 {
				t.Errorf("%s: %d, Content-Encoding %q, %d bytes", p, res.StatusCode, res.Header.Get("Content-Encoding"), len(body))
			}
		}
	})
}
