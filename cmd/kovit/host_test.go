package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/eservice"
)

// TestHostHeaderNeverNamed: absolute URLs come from --base-url only. A request naming
// another host (directly or through X-Forwarded-*) gets the configured base in the
// CPSV-AP export, and no page or API answer anyone can fetch without a parameter, signed
// in or not, repeats the host it was sent.
func TestHostHeaderNeverNamed(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		if _, err := a.store.SaveCell(context.Background(), "0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered, URL: "https://www.tartu.ee/"}); err != nil {
			t.Fatal(err)
		}
		fetch := func(c *http.Client, path string) (int, string, http.Header) {
			t.Helper()
			req, err := http.NewRequest("GET", a.URL+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			req.Host = "evil.example"
			req.Header.Set("X-Forwarded-Host", "evil.example")
			req.Header.Set("X-Forwarded-Proto", "https")
			res, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			return res.StatusCode, string(b), res.Header
		}
		anon := a.client(t)
		for _, path := range []string{"/api/v1/cpsv-ap.jsonld", "/api/v1/cpsv-ap.ttl"} {
			// Twice: the second answer may come from the server's cache.
			for range 2 {
				status, body, _ := fetch(anon, path)
				if status != 200 || !strings.Contains(body, testBaseURL+"/municipalities/0793") || strings.Contains(body, "evil.example") {
					t.Errorf("%s: %d\n%.600s", path, status, body)
				}
			}
		}
		admin := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
		paths := []string{"/municipalities/0793", "/api/v1/municipalities/0793"}
		for _, rt := range a.routes {
			if p, ok := strings.CutPrefix(rt, "GET "); ok && !strings.Contains(p, "{") && p != "/sign-out" {
				paths = append(paths, p)
			}
		}
		for _, c := range []*http.Client{anon, admin} {
			for _, p := range paths {
				_, body, h := fetch(c, p)
				if strings.Contains(body, "evil.example") || strings.Contains(h.Get("Location"), "evil.example") {
					t.Errorf("%s names the request's host", p)
				}
			}
		}
	})
}
