package server

import (
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"kovit/internal/i18n"
)

// fast answers, before every other layer, the anonymous requests the cache holds a fresh
// answer for: the answer carries the headers those layers gave it when it was rendered,
// and there is no work to time out or recover from. Only the request's log line and
// metrics are kept. This is most of what a public page costs under load, so it is what
// lets kovit serve one at a good share of what a static file server does. The front
// (front.go) answers the same hits the same way, without net/http's server around them.
func (c *microcache) fast(next http.Handler, log *slog.Logger, m *Metrics) *hits {
	return &hits{c, next, log, m}
}

// hits is the chain Handler returns: the cache's hits, then every other layer.
type hits struct {
	c    *microcache
	next http.Handler
	log  *slog.Logger
	m    *Metrics
}

func (h *hits) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.answer(w, r) {
		h.next.ServeHTTP(w, r)
		return
	}
	if c, ok := r.Context().Value(handedKey{}).(*handedConn); ok && plain(r) {
		c.front.takeBack(w, c)
	}
}

// answer answers r from the cache if it may, and says whether it did; when it did not,
// nothing is written to w.
func (h *hits) answer(w http.ResponseWriter, r *http.Request) bool {
	if (r.Method != http.MethodGet && r.Method != http.MethodHead) || !h.c.anonymous(r) {
		return false
	}
	start := time.Now()
	e := h.c.fresh(h.c.keyOf(r))
	if e == nil {
		return false
	}
	status := h.c.serve(w, r, e)
	d := time.Since(start)
	if h.m != nil {
		h.m.observe(e.pattern, r.Method, status, d)
	}
	if h.log != nil && h.log.Enabled(r.Context(), slog.LevelInfo) {
		h.log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("id", newRequestID()), slog.String("method", r.Method),
			slog.String("path", r.URL.Path), slog.String("route", e.pattern), slog.Int("status", status),
			slog.Duration("duration", d), slog.Bool("cached", true))
	}
	return true
}

// anonymous: a request the cache may answer, one with neither a session nor a token.
func (c *microcache) anonymous(r *http.Request) bool {
	return r.Header.Get("Authorization") == "" && !hasCookie(r, c.session)
}

// bare is a request with no query, cookie or Accept-Language: the languages kovit answers
// it in are asked of i18n once rather than parsed out of nothing on every request.
var bare = &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/"}, Header: http.Header{}}
var bareCookieLang, bareAcceptLang = i18n.CookieLang(bare), i18n.AcceptLang(bare)

// keyOf is the cache key of an anonymous GET or HEAD: the canonical host, the languages
// kovit would answer in (never the raw headers), and the path with its query.
func (c *microcache) keyOf(r *http.Request) string {
	host := c.host
	if host == "" {
		host = r.Host
	}
	cl, al := bareCookieLang, bareAcceptLang
	if r.URL.RawQuery != "" || r.Header.Get("Cookie") != "" {
		cl = i18n.CookieLang(r)
	}
	if r.Header.Get("Accept-Language") != "" {
		al = i18n.AcceptLang(r)
	}
	return host + "\x00" + cl + "\x00" + al + "\x00" + r.URL.RequestURI()
}

// fresh returns the entry for key if it has not expired.
func (c *microcache) fresh(key string) *cachedResponse {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.entries[key]; e != nil && time.Since(e.at) < c.ttl {
		return e
	}
	return nil
}
