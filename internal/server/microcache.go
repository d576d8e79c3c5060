package server

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"time"

	"kovit/internal/i18n"
)

// microcache keeps, for one second, the anonymous responses that a handler marked
// "Cache-Control: public". Anonymous visitors are most of the traffic and see the same
// pages, so under load one rendering serves every request of that second. A request with
// a session cookie or an Authorization header is never answered from it or stored in it,
// so a signed-in user (the editor who has just saved) always gets a fresh answer, and any
// successful change through this server empties it, so nobody reads a page older than a
// change made here; only a change made by another server process can take a second to show.
//
// What a client sends must not grow it: it holds at most maxBytes, a response over an
// eighth of that is not kept, expired entries are dropped, and the key is the path with
// the languages kovit would answer in (i18n), never the raw Accept-Language, lang cookie
// or Host.
type microcache struct {
	mu       sync.Mutex
	ttl      time.Duration
	session  string // the session cookie's name
	host     string // the canonical host (from the base URL), "" to key on the request's
	maxBytes int64
	entries  map[string]*cachedResponse
	order    []*cachedResponse // oldest first: with one ttl for all, also the order they expire
	bytes    int64             // the size of every entry in entries
	sweeper  *time.Timer       // drops expired entries when no request does
}

type cachedResponse struct {
	key     string
	at      time.Time
	size    int64
	status  int
	header  http.Header
	body    []byte
	pattern string
}

// defaultCacheBytes bounds the microcache when Options.CacheBytes is not set.
const defaultCacheBytes = 64 << 20

func newMicrocache(ttl time.Duration, session, host string, maxBytes int64) *microcache {
	if maxBytes <= 0 {
		maxBytes = defaultCacheBytes
	}
	return &microcache{ttl: ttl, session: session, host: host, maxBytes: maxBytes, entries: map[string]*cachedResponse{}}
}

func (c *microcache) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(sw, r)
			if sw.status < 400 {
				c.mu.Lock()
				c.clear()
				c.mu.Unlock()
			}
			return
		}
		if r.Method != http.MethodGet || r.Header.Get("Authorization") != "" || hasCookie(r, c.session) {
			next.ServeHTTP(w, r)
			return
		}
		host := r.Host
		if c.host != "" {
			// The response may be handed to anyone: render it for the canonical host,
			// whatever this client put in Host.
			r = r.WithContext(r.Context())
			r.Host, host = c.host, c.host
		}
		key := host + "\x00" + i18n.CookieLang(r) + "\x00" + i18n.AcceptLang(r) + "\x00" + r.URL.RequestURI()
		if e := c.get(key); e != nil {
			if rt, ok := r.Context().Value(routeKey{}).(*route); ok {
				rt.pattern = e.pattern
			}
			for k, v := range e.header {
				w.Header()[k] = v
			}
			w.WriteHeader(e.status)
			w.Write(e.body)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK, limit: c.maxBytes / 8}
		next.ServeHTTP(rec, r)
		rec.begin(http.StatusOK)
		// A response cut short (the client left, the deadline passed) is not the page.
		if !rec.keep || r.Context().Err() != nil {
			return
		}
		pattern := ""
		if rt, ok := r.Context().Value(routeKey{}).(*route); ok {
			pattern = rt.pattern
		}
		e := &cachedResponse{key: key, status: rec.status, header: w.Header().Clone(), body: rec.body.Bytes(), pattern: pattern}
		e.size = int64(len(key)+cap(e.body)) + headerSize(e.header)
		if e.size <= c.maxBytes/8 {
			c.put(e)
		}
	})
}

// get returns the fresh entry for key, or nil.
func (c *microcache) get(key string) *cachedResponse {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropExpired()
	return c.entries[key]
}

// put keeps e, making room by dropping the oldest entries.
func (c *microcache) put(e *cachedResponse) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropExpired()
	if _, ok := c.entries[e.key]; ok {
		return // a request that missed at the same time stored it first
	}
	for c.bytes+e.size > c.maxBytes && len(c.order) > 0 {
		c.dropOldest()
	}
	e.at = time.Now()
	c.entries[e.key] = e
	c.order = append(c.order, e)
	c.bytes += e.size
	if c.sweeper == nil {
		c.sweeper = time.AfterFunc(c.ttl, c.sweep)
	}
}

// sweep empties an idle cache: expired entries would otherwise stay until the next request.
func (c *microcache) sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropExpired()
	if len(c.order) == 0 {
		c.sweeper = nil
		return
	}
	c.sweeper.Reset(time.Until(c.order[0].at.Add(c.ttl)))
}

func (c *microcache) dropExpired() {
	for len(c.order) > 0 && time.Since(c.order[0].at) >= c.ttl {
		c.dropOldest()
	}
}

func (c *microcache) dropOldest() {
	e := c.order[0]
	c.order[0] = nil
	c.order = c.order[1:]
	delete(c.entries, e.key)
	c.bytes -= e.size
}

// dropAll empties the cache: a change was made that this server did not see (Dropper).
func (c *microcache) dropAll() {
	c.mu.Lock()
	c.clear()
	c.mu.Unlock()
}

func (c *microcache) clear() {
	clear(c.entries)
	c.order, c.bytes = nil, 0
}

// headerSize is roughly what a header costs to keep.
func headerSize(h http.Header) int64 {
	n := 0
	for k, vs := range h {
		n += len(k) + 16
		for _, v := range vs {
			n += len(v) + 16
		}
	}
	return int64(n)
}

func hasCookie(r *http.Request, name string) bool {
	_, err := r.Cookie(name)
	return err == nil
}

// recorder passes a response through while keeping a copy of its body, as long as the
// response may be cached and its copy stays within limit.
type recorder struct {
	http.ResponseWriter
	status  int
	limit   int64
	started bool
	keep    bool
	body    bytes.Buffer
}

// begin decides, once the header is final, whether the response may be kept. A response
// that sets a cookie belongs to one client (a new session, say) and must never be handed
// to another.
func (r *recorder) begin(code int) {
	if r.started {
		return
	}
	r.started, r.status = true, code
	h := r.Header()
	r.keep = code == http.StatusOK && strings.HasPrefix(h.Get("Cache-Control"), "public") && h.Get("Set-Cookie") == ""
}

func (r *recorder) WriteHeader(code int) {
	r.begin(code)
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.begin(http.StatusOK)
	if r.keep && int64(r.body.Len()+len(b)) > r.limit {
		r.keep, r.body = false, bytes.Buffer{}
	}
	if r.keep {
		r.body.Write(b)
	}
	n, err := r.ResponseWriter.Write(b)
	if err != nil {
		r.keep = false
	}
	return n, err
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
