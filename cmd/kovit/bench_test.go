package main

import (
	"context"
	"fmt"
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

// benchmarkMatrixPage renders the whole matrix on the benchmark data (fullHistory:
// 79 × 150 cells, 24 monthly snapshots) on engine, as for a signed-in user: the session
// cookie keeps the anonymous microcache out of the figure (target < 50 ms).
func benchmarkMatrixPage(b *testing.B, engine string) {
	store := sqlstoretest.New(b, engine)
	c := config{DB: store.DSN(), AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: 3600e9}
	a, err := newApp(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.store.Close() })
	fullHistory(b, a.store)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodGet, "/eservices", nil)
		req.AddCookie(&http.Cookie{Name: "kovit_session", Value: "none"})
		a.handler.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "79 omavalitsust × 150 teenust") {
			b.Fatalf("%d", rec.Code)
		}
	}
}

// BenchmarkEServiceAPI serves the e-service JSON the issue sets targets for, on its
// benchmark data (fullHistory), as for a signed-in user so that the anonymous microcache
// stays out of the figures: the whole matrix (target < 20 ms), one service's adoption
// series (< 20 ms) and one municipality's row beside its peers.
func BenchmarkEServiceAPI(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		store := sqlstoretest.New(b, engine)
		c := config{DB: store.DSN(), AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: 3600e9}
		a, err := newApp(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)))
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { a.store.Close() })
		fullHistory(b, a.store)
		for _, path := range []string{"/api/v1/matrix", "/api/v1/services/SOC-001/adoption", "/api/v1/municipalities/0793/services"} {
			b.Run(engine+path, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					rec := httptest.NewRecorder()
					req := httptest.NewRequest(http.MethodGet, path, nil)
					req.AddCookie(&http.Cookie{Name: "kovit_session", Value: "none"})
					a.handler.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
					}
				}
			})
		}
	}
}

// fullHistory fills s as the performance targets assume: 150 services, every cell
// of the 79 × 150 matrix at a level 0–5 or not applicable, and 24 monthly snapshots
// between which a few municipalities move a level up. It imports, which is far quicker
// than saving 11 850 cells one by one.
func fullHistory(b *testing.B, s *sqlstore.Store) {
	ctx := context.Background()
	services := sqlstoretest.Services(b, s, 150)
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		b.Fatal(err)
	}
	scale, err := s.Scale(ctx)
	if err != nil {
		b.Fatal(err)
	}
	// rows are the cells of the municipalities moving up in month: every one in month 0.
	// Each names its cell's saved version, as kovit's own export does: an import refuses a
	// versionless change of a saved cell.
	rows := func(month int) []eservice.ImportRow {
		grid, err := s.Grid(ctx)
		if err != nil {
			b.Fatal(err)
		}
		var out []eservice.ImportRow
		for i, m := range ms {
			if month > 0 && i%24 != month {
				continue
			}
			for j, sv := range services {
				in := eservice.CellInput{Offering: eservice.NotApplicable}
				if (i*7+j)%23 != 0 {
					level := min((i+j)%6+min(month, 1), scale.Max())
					in = eservice.CellInput{Offering: eservice.Offered, URL: "https://example.ee/" + sv.Code}
					for _, l := range scale[1 : level+1] {
						for _, c := range l.Criteria {
							in.Met = append(in.Met, c.ID)
						}
					}
				}
				row := eservice.ImportRow{Row: len(out) + 2, MunicipalityEHAK: m.EHAK, ServiceCode: sv.Code, Input: in}
				if c := grid.Cell(m.EHAK, sv.Code); c.Version > 0 {
					row.Version = &c.Version
				}
				out = append(out, row)
			}
		}
		return out
	}
	for month := range 24 {
		if _, err := s.ImportCells(ctx, rows(month)); err != nil {
			b.Fatal(err)
		}
		if err := s.TakeSnapshot(ctx, fmt.Sprintf("%d-%02d", 2025+month/12, month%12+1)); err != nil {
			b.Fatal(err)
		}
	}
}
