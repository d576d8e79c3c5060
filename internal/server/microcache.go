package server

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"time"
)

// microcache keeps, for one second, the anonymous responses that a handler marked
// "Cache-Control: public". Anonymous visitors are most of the traffic and see the same
// pages, so under load one rendering serves every request of that second. A request with
// a session cookie or an Authorization header is never answered from it or stored in it,
// so a signed-in user (the editor who has just saved) always gets a fresh answer, and any
// successful change through this server empties it, so nobody reads a page older than a
// change made here; only a change made by another server process can take a second to show.
type microcache struct {
	mu      sync.Mutex
	ttl     time.Duration
	session string // the session cookie's name
	entries map[string]cachedResponse
}

type cachedResponse struct {
	at      time.Time
	status  int
	header  http.Header
	body    []byte
	pattern string
}

const microcacheMax = 5000 // entries; beyond this the cache is emptied rather than grown

func (c *microcache) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(sw, r)
			if sw.status < 400 {
				c.mu.Lock()
				clear(c.entries)
				c.mu.Unlock()
			}
			return
		}
		if r.Method != http.MethodGet || r.Header.Get("Authorization") != "" || hasCookie(r, c.session) {
			next.ServeHTTP(w, r)
			return
		}
		lang := ""
		if ck, err := r.Cookie("lang"); err == nil {
			lang = ck.Value
		}
		key := lang + "\x00" + r.Header.Get("Accept-Language") + "\x00" + r.URL.RequestURI()
		c.mu.Lock()
		e, ok := c.entries[key]
		c.mu.Unlock()
		if ok && time.Since(e.at) < c.ttl {
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
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		// A response that sets a cookie belongs to one client (a new session, say) and must
		// never be handed to another.
		if rec.status != http.StatusOK || !strings.HasPrefix(w.Header().Get("Cache-Control"), "public") || w.Header().Get("Set-Cookie") != "" {
			return
		}
		pattern := ""
		if rt, ok := r.Context().Value(routeKey{}).(*route); ok {
			pattern = rt.pattern
		}
		c.mu.Lock()
		if len(c.entries) >= microcacheMax {
			c.entries = map[string]cachedResponse{}
		}
		c.entries[key] = cachedResponse{at: time.Now(), status: rec.status, header: w.Header().Clone(), body: rec.body.Bytes(), pattern: pattern}
		c.mu.Unlock()
	})
}

func hasCookie(r *http.Request, name string) bool {
	_, err := r.Cookie(name)
	return err == nil
}

// recorder passes a response through while keeping a copy of its body.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
