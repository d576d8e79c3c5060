package server

import (
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the Prometheus metrics served at /metrics: request count and latency per
// route, plus the Go runtime's own.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	// series are the counter and histogram of each route, method and status seen, found
	// once: asking the vectors for them hashes the label values under a lock on every
	// request, a tenth of what a public page answered from the cache costs kovit.
	series sync.Map // seriesKey → *series
}

type seriesKey struct {
	route, method string
	status        int
}

type series struct {
	requests prometheus.Counter
	latency  prometheus.Observer
}

// NewMetrics registers kovit's metrics in a registry of their own (no global state).
func NewMetrics() *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kovit_http_requests_total", Help: "HTTP requests by route, method and status.",
		}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kovit_http_request_duration_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.001, .0025, .005, .01, .02, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
	}
	m.registry.MustRegister(m.requests, m.latency, collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// observe counts a request. route must be a pattern the mux matched or "unmatched", and
// the method is one of the standard ones or "other": a label value taken from what a
// client sends would make a new series, kept for ever, per made-up method.
func (m *Metrics) observe(route, method string, status int, d time.Duration) {
	if !slices.Contains(knownMethods, method) {
		method = "other"
	}
	k := seriesKey{route, method, status}
	v, ok := m.series.Load(k)
	if !ok {
		v, _ = m.series.LoadOrStore(k, &series{m.requests.WithLabelValues(route, method, strconv.Itoa(status)), m.latency.WithLabelValues(route)})
	}
	s := v.(*series)
	s.requests.Inc()
	s.latency.Observe(d.Seconds())
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

var knownMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions}

// frontCollector reports a front's counts (front.go) at each scrape: how many hits it
// answered, how many connections it handed to net/http and took back, which tells whether
// it is doing its work (a proxy speaking HTTP/1.0 to kovit, say, would leave it nothing).
type frontCollector struct{ f *Front }

var frontDescs = [3]*prometheus.Desc{
	prometheus.NewDesc("kovit_front_answers_total", "Cached hits answered in front of net/http's server.", nil, nil),
	prometheus.NewDesc("kovit_front_handovers_total", "Connections the front handed to net/http's server.", nil, nil),
	prometheus.NewDesc("kovit_front_takebacks_total", "Connections the front took back from net/http's server.", nil, nil),
}

func (c frontCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range frontDescs {
		ch <- d
	}
}

func (c frontCollector) Collect(ch chan<- prometheus.Metric) {
	for i, v := range [3]*atomic.Int64{&c.f.answered, &c.f.handedOver, &c.f.takenBack} {
		ch <- prometheus.MustNewConstMetric(frontDescs[i], prometheus.CounterValue, float64(v.Load()))
	}
}

// watch reports f's counts with the other metrics. A process has one front on its metrics;
// a second (tests putting two on one chain) is left out rather than counted twice.
func (m *Metrics) watch(f *Front) {
	m.registry.Register(frontCollector{f})
}
