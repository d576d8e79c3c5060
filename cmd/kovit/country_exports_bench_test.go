package main

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
)

// BenchmarkCountryExports asks the matrix's bulk reads of a large country (issue 17) as a
// signed-in user, so that the response cache stays out of the figures: the API's default
// page of municipalities, one region's matrix CSV and its CPSV-AP graph is left to
// scripts/export-memory (over a minute on the large country). With KOVIT_BENCH_COUNTRY set
// to a database that `kovit demo --size de` wrote it serves that (read only); otherwise the
// synthetic country at Estonia's scale in a fresh PostgreSQL database, served as a large
// one (Store.WholeCells 1: levels kept, rows read by index):
//
//	KOVIT_BENCH_COUNTRY='postgres://…/kovit_de2' go test -run '^$' -bench BenchmarkCountryExports -benchtime=5x ./cmd/kovit/
//
// heap-MB is the Go heap in use after the requests.
func BenchmarkCountryExports(b *testing.B) {
	a, _ := countryApp(b) // its region DR01 is the one exported
	for _, p := range []struct{ name, path string }{
		{"api-matrix-page", "/api/v1/matrix"},
		{"api-matrix-last-page", "/api/v1/matrix?municipality_limit=500&municipality_offset=10500"},
		{"region-csv", "/eservices/matrix.csv?county=DR01"},
	} {
		b.Run(p.name, func(b *testing.B) {
			get := func() int64 {
				req := httptest.NewRequest(http.MethodGet, p.path, nil)
				req.AddCookie(&http.Cookie{Name: "kovit_session", Value: "none"})
				w := &countingResponse{header: http.Header{}}
				a.handler.ServeHTTP(w, req)
				if w.status != http.StatusOK {
					b.Fatalf("%s: %d", p.path, w.status)
				}
				return w.n
			}
			get() // the kept copies' first load is not the request's time
			var n int64
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

// countingResponse counts a response's bytes without keeping them: a region's export is
// tens of megabytes.
type countingResponse struct {
	header http.Header
	status int
	n      int64
}

func (c *countingResponse) Header() http.Header { return c.header }
func (c *countingResponse) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
}
func (c *countingResponse) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	c.n += int64(len(b))
	return len(b), nil
}
