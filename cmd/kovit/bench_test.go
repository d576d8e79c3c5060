package main

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// These benchmarks measure the server side of the foundation's hot pages, without a
// network client; scripts/load measures them over real connections (requests/s, p99).

func benchmarkPath(b *testing.B, path string) {
	a := startBenchApp(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			a.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
			if rec.Code != http.StatusOK {
				b.Fatalf("%s: %d", path, rec.Code)
			}
		}
	})
}

func BenchmarkMunicipalityListPage(b *testing.B) { benchmarkPath(b, "/municipalities") }
func BenchmarkMunicipalityListAPI(b *testing.B)  { benchmarkPath(b, "/api/v1/municipalities") }
func BenchmarkMunicipalityPage(b *testing.B)     { benchmarkPath(b, "/municipalities/0793") }

// BenchmarkMunicipalityListPageFresh renders the list every time, as for a signed-in user
// (a session cookie bypasses the anonymous page cache).
func BenchmarkMunicipalityListPageFresh(b *testing.B) {
	a := startBenchApp(b)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest(http.MethodGet, "/municipalities", nil)
			req.AddCookie(&http.Cookie{Name: "kovit_session", Value: "none"})
			a.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Fatalf("%d", rec.Code)
			}
		}
	})
}
