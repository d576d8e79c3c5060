package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
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
// (a session cookie bypasses the anonymous microcache).
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

// BenchmarkEServiceMatrixPage is the full e-service matrix with every cell filled in
// (benchmarkMatrixPage, in eservice_ui_test.go).
func BenchmarkEServiceMatrixPage(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) { benchmarkMatrixPage(b, engine) })
	}
}

// fillMatrix fills every cell of the matrix through the store, with levels 0–5 and some
// services not applicable, as a benchmark's worst case.
func fillMatrix(b *testing.B, s *sqlstore.Store) {
	ctx := context.Background()
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: 100})
	if err != nil {
		b.Fatal(err)
	}
	services, err := s.ListServices(ctx, false)
	if err != nil {
		b.Fatal(err)
	}
	scale, err := s.Scale(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for i, m := range ms {
		for j, sv := range services {
			in := eservice.CellInput{Offering: eservice.Offered, URL: "https://example.ee/" + sv.Code}
			level := (i + j) % 6
			if (i*7+j)%23 == 0 {
				in.Offering = eservice.NotApplicable
			} else {
				for _, l := range scale {
					for _, c := range l.Criteria {
						if l.Number <= level {
							in.Met = append(in.Met, c.ID)
						}
					}
				}
			}
			if _, err := s.SaveCell(ctx, m.EHAK, sv.Code, in); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// benchmarkMatrixPage renders the whole matrix (79 × 77 cells, all filled) on engine, as
// for a signed-in user: the session cookie keeps the anonymous microcache out of the figure.
func benchmarkMatrixPage(b *testing.B, engine string) {
	store := sqlstoretest.New(b, engine)
	c := config{DB: store.DSN(), AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: 3600e9}
	a, err := newApp(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.store.Close() })
	fillMatrix(b, a.store)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/eservices", nil)
		req.AddCookie(&http.Cookie{Name: "kovit_session", Value: "none"})
		a.handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "79 omavalitsust × 77 teenust") {
			b.Fatalf("%d", rec.Code)
		}
	}
}
