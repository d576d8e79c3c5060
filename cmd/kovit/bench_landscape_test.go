package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/demo"
	"kovit/internal/landscape"
	"kovit/internal/sqlstore/sqlstoretest"
)

// benchLandscape serves path to a signed-in reader (no microcache) over the load,
// 79 municipalities × 60 solutions, after checking the page with ok.
func benchLandscape(b *testing.B, path func(a *testApp) string, ok func(body string) bool) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			a := startApp(b, engine)
			if err := demo.Landscape(context.Background(), a.store, demo.BenchmarkLandscape); err != nil {
				b.Fatal(err)
			}
			if err := a.store.Analyze(context.Background()); err != nil {
				b.Fatal(err)
			}
			reader := a.user(b, "reader@kovit.test", auth.RoleReader, "")
			u, _ := url.Parse(a.URL)
			cookies := a.as(b, reader).Jar.Cookies(u)
			p := path(a)
			serve := func() *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodGet, p, nil)
				for _, c := range cookies {
					req.AddCookie(c)
				}
				rec := httptest.NewRecorder()
				a.app.handler.ServeHTTP(rec, req)
				return rec
			}
			if rec := serve(); rec.Code != http.StatusOK || !ok(rec.Body.String()) {
				b.Fatalf("%s: %d", p, rec.Code)
			}
			b.ReportAllocs()
			for b.Loop() {
				if rec := serve(); rec.Code != http.StatusOK {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}

// BenchmarkLandscapeMatrix: the matrix of 79 municipalities × 60 solutions; the target is
// under 30 ms of server time.
func BenchmarkLandscapeMatrix(b *testing.B) {
	benchLandscape(b, func(*testApp) string { return "/landscape?kind=" }, func(body string) bool {
		return strings.Count(body, `/landscape">`) >= 79 && strings.Count(body, `<th scope="col"><a href="/solutions/`) == 60
	})
}

// BenchmarkAdvisory: the municipalities one solution's version range concerns; the target
// is under 10 ms of server time.
func BenchmarkAdvisory(b *testing.B) {
	benchLandscape(b, func(a *testApp) string {
		list, _, err := a.store.ListSolutions(context.Background(), landscape.SolutionFilter{Query: "VOLIS"})
		if err != nil || len(list) != 1 {
			b.Fatal(list, err)
		}
		v := list[0].Versions
		return "/advisories?solution=" + itoa(list[0].ID) + "&from=" + url.QueryEscape(v[0].Number) + "&to=" + url.QueryEscape(v[1].Number)
	}, func(body string) bool { return strings.Contains(body, `<p class="count">`) })
}

// BenchmarkPracticeSearch: a word search of the practice library of 2,000 practices; the
// target is under 30 ms of server time.
func BenchmarkPracticeSearch(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			a := startApp(b, engine)
			if err := demo.Practices(context.Background(), a.store, demo.BenchmarkPractices, 1); err != nil {
				b.Fatal(err)
			}
			serve := func() *httptest.ResponseRecorder {
				rec := httptest.NewRecorder()
				a.app.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/practices?q=volikogu&limit=50", nil))
				return rec
			}
			if rec := serve(); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "volikogu") {
				b.Fatalf("search: %d", rec.Code)
			}
			b.ReportAllocs()
			for b.Loop() {
				if rec := serve(); rec.Code != http.StatusOK {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}
