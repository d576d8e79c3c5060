package server

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestMetricsSeriesBounded: made-up methods and paths fold into "other" and "unmatched",
// so a client cannot grow the number of series kept for the life of the process.
func TestMetricsSeriesBounded(t *testing.T) {
	m := NewMetrics()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /known/{id}", func(w http.ResponseWriter, r *http.Request) {})
	h := Handler(mux, Options{Metrics: m})
	for i := range 1000 {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(fmt.Sprintf("MADEUP%d", i), "/known/1", nil))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", fmt.Sprintf("/nowhere/%d", i), nil))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", fmt.Sprintf("/known/%d", i), nil))
	}
	families, err := m.registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		name := f.GetName()
		if name != "kovit_http_requests_total" && name != "kovit_http_request_duration_seconds" {
			continue
		}
		if n := len(f.GetMetric()); n == 0 || n > 4 {
			t.Errorf("%s: %d series after 3,000 requests, want 1 to 4", name, n)
		}
		for _, s := range f.GetMetric() {
			for _, l := range s.GetLabel() {
				if v := l.GetValue(); l.GetName() == "method" && v != "GET" && v != "other" {
					t.Errorf("%s: method label %q", name, v)
				}
				if v := l.GetValue(); l.GetName() == "route" && v != "GET /known/{id}" && v != "unmatched" {
					t.Errorf("%s: route label %q", name, v)
				}
			}
		}
	}
}
