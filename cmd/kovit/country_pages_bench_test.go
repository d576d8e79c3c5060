package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"testing"

	"kovit/internal/municipality"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkCountryPages serves the matrix's pages of a large country (issue 17) as for a
// signed-in user, so that the anonymous response cache stays out of the figures: the home
// page, one region's matrix page of one area, a municipality's page, its e-service page
// beside its peers and a service's page. With KOVIT_BENCH_COUNTRY set to a database that
// `kovit demo --size de` wrote it serves that (read only: this starts no scheduled job);
// otherwise the synthetic country at Estonia's scale in a fresh PostgreSQL database,
// served as a large one (Store.WholeCells 1: levels kept, rows read by index):
//
//	KOVIT_BENCH_COUNTRY='postgres://…/kovit_de' go test -run '^$' -bench BenchmarkCountryPages -benchtime=20x ./cmd/kovit/
//
// Target: the region's page under 150 ms. heap-MB is the Go heap in use after the pages.
func BenchmarkCountryPages(b *testing.B) {
	ctx := context.Background()
	a, m := countryApp(b)
	services, err := a.store.ListServices(ctx, false)
	if err != nil || len(services) == 0 {
		b.Fatal(err)
	}
	sv := services[len(services)-1] // a synthetic service: every municipality has its cell
	for _, p := range []struct{ name, path string }{
		{"home", "/"},
		{"region-page", "/eservices?county=DR01&area=" + url.QueryEscape(sv.Area)},
		{"municipality", "/municipalities/" + m.EHAK},
		{"municipality-eservices", "/municipalities/" + m.EHAK + "/eservices"},
		{"service", "/eservices/services/" + sv.Code},
	} {
		b.Run(p.name, func(b *testing.B) {
			get := func() int {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest(http.MethodGet, p.path, nil)
				req.AddCookie(&http.Cookie{Name: "kovit_session", Value: "none"})
				a.handler.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d", p.path, rec.Code)
				}
				return rec.Body.Len()
			}
			get() // the kept copies' first load is not the page's time
			n := 0
			for b.Loop() {
				n = get()
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(n)/1024, "KB")
			b.ReportMetric(float64(m.HeapInuse)/(1<<20), "heap-MB")
		})
	}
}

// countryApp serves the database KOVIT_BENCH_COUNTRY names (one `kovit demo --size`
// wrote), or else the synthetic country at Estonia's scale in a fresh PostgreSQL
// database, served as a large one (Store.WholeCells 1: levels kept, rows read by index),
// and the first municipality of its region DR01.
func countryApp(b *testing.B) (*app, municipality.Municipality) {
	dsn, large := os.Getenv("KOVIT_BENCH_COUNTRY"), true
	if dsn == "" {
		dsn, large = sqlstoretest.Country(b).DSN(), false
	}
	c := config{DB: dsn, AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: 3600e9}
	a, err := newApp(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.store.Close() })
	if !large {
		a.store.WholeCells = 1
	}
	ms, _, err := a.store.ListMunicipalities(context.Background(), municipality.Filter{CountyEHAK: "DR01", Limit: 1})
	if err != nil || len(ms) == 0 {
		b.Fatal("no municipality in region DR01: ", err)
	}
	return a, ms[0]
}
