package server

import (
	"bytes"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
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
	mu         sync.Mutex
	ttl        time.Duration
	session    string // the session cookie's name
	host       string // the canonical host (from the base URL), "" to key on the request's
	maxBytes   int64
	entries    map[string]*cachedResponse
	order      []*cachedResponse  // oldest first: with one ttl for all, also the order they expire
	bytes      int64              // the size of every entry in entries
	sweeper    *time.Timer        // drops expired entries when no request does
	validators validators         // since when each key's content has been what it is
	inflight   map[string]*flight // keys being rendered: one request renders, the rest wait
	gen        uint64             // counts clear(): a rendering that raced a change is not kept

	compressions atomic.Int64 // bodies compressed for the cache, for tests to count
	fileSends    atomic.Int64 // answers sent from a memory file (filebody.go), likewise
	files        *descriptors // what those files may hold open

	// viewer marks the signed-in viewers' cache (viewcache.go): it keeps what the handler
	// let it keep (KeepForViewer), not what says "Cache-Control: public".
	viewer bool
}

// cachedResponse is one page or list as the handler wrote it. Its body is kept in the
// codings clients have asked for, each made once from another when first asked (the first
// request's coding is made from the rendered bytes), so a page is compressed once a
// lifetime per coding rather than once per request, and the byte cap counts what is kept.
type cachedResponse struct {
	key      string
	at       time.Time
	size     int64 // guarded by microcache.mu
	status   int
	header   http.Header // without Content-Encoding, Content-Length, ETag and Last-Modified
	etag     string      // strong, of the uncompressed body
	weakETag string
	modified string // Last-Modified, "" while this content is younger than a second
	// The same as header values, made once: a hit then only fills the header map.
	etagH, weakETagH, modifiedH []string
	since                       time.Time
	compress                    bool // text, and long enough to be worth it
	pattern                     string

	mu     sync.Mutex // held while a coding is made, so it is made once
	bodies [encodings]atomic.Pointer[body]
}

type body struct {
	data   []byte
	length []string // Content-Length
	// file is data in a memory file, to send with sendfile (filebody.go), made on the
	// first hit that can use it; fileTried says that hit came.
	file      atomic.Pointer[fileBody]
	fileTried atomic.Bool
}

// defaultCacheBytes bounds the microcache when Options.CacheBytes is not set.
const defaultCacheBytes = 64 << 20

func newMicrocache(ttl time.Duration, session, host string, maxBytes int64) *microcache {
	if maxBytes <= 0 {
		maxBytes = defaultCacheBytes
	}
	// A sixteenth of the cap for the validators, the rest for the bodies.
	return &microcache{ttl: ttl, session: session, host: host, maxBytes: maxBytes - maxBytes/16,
		files: keptFileDescriptors, entries: map[string]*cachedResponse{}, inflight: map[string]*flight{}, validators: validators{maxBytes: maxBytes / 16}}
}

// flight is one rendering of a key that concurrent requests for it wait for, so that when
// an entry expires under load the page is rendered and compressed once, not once per
// connection, and the waiting requests are not the slowest of that second.
type flight struct {
	done chan struct{}
	once sync.Once
	e    *cachedResponse // the response, if the waiters may have it
}

func (f *flight) finish(e *cachedResponse) {
	f.once.Do(func() { f.e = e; close(f.done) })
}

func (c *microcache) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			cw := newCompressWriter(w, r)
			sw := &statusWriter{ResponseWriter: cw, status: http.StatusOK}
			next.ServeHTTP(sw, r)
			cw.close()
			if sw.status < 400 {
				c.mu.Lock()
				c.clear()
				c.mu.Unlock()
			}
			return
		}
		if !c.anonymous(r) {
			cw := newCompressWriter(w, r)
			next.ServeHTTP(cw, r)
			cw.close()
			return
		}
		key := c.keyOf(r)
		if c.host != "" {
			// The response may be handed to anyone: render it for the canonical host,
			// whatever this client put in Host.
			r = r.WithContext(r.Context())
			r.Host = c.host
		}
		f, leader, answered := c.answer(w, r, key)
		if answered {
			return
		}
		if leader {
			c.render(w, r, next, key, f)
			return
		}
		cw := newCompressWriter(w, r)
		rec := &recorder{ResponseWriter: cw, pass: cw, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		rec.begin(http.StatusOK)
		cw.close()
	})
}

// answer serves r from the response kept under key, waiting for the one request rendering
// it if that is under way; when nothing is kept it says whether r leads the flight that
// renders it (a GET that found none), and answered is false.
func (c *microcache) answer(w http.ResponseWriter, r *http.Request, key string) (f *flight, leader, answered bool) {
	e, f, leader := c.lookup(key, r.Method == http.MethodGet)
	if e == nil && f != nil && !leader {
		select {
		case <-f.done:
			e = f.e
		case <-r.Context().Done():
			w.WriteHeader(http.StatusServiceUnavailable) // the client left or the deadline passed
			return nil, false, true
		}
	}
	if e != nil {
		if rt, ok := r.Context().Value(routeKey{}).(*route); ok {
			rt.pattern = e.pattern
		}
		c.serve(w, r, e)
		return nil, false, true
	}
	return f, leader, false
}

// render answers a request that missed, keeping its response when it may be kept, and
// hands the response to the requests waiting for it.
func (c *microcache) render(w http.ResponseWriter, r *http.Request, next http.Handler, key string, f *flight) {
	gen := c.generation()
	var kept *cachedResponse
	defer func() {
		c.mu.Lock()
		if c.inflight[key] == f {
			delete(c.inflight, key)
		}
		if c.gen != gen {
			kept = nil // rendered before a change: the waiters render again
		}
		c.mu.Unlock()
		f.finish(kept)
	}()
	cw := newCompressWriter(w, r)
	rec := &recorder{ResponseWriter: cw, pass: cw, status: http.StatusOK, limit: c.maxBytes / 8, buffer: true,
		onPass: func() { f.finish(nil) }}
	if c.viewer {
		rec.allowed = keepForViewer(r)
	}
	next.ServeHTTP(rec, r)
	rec.begin(http.StatusOK)
	// A response cut short (the client left, the deadline passed) is not the page.
	if !rec.keep || r.Context().Err() != nil {
		rec.passThrough()
		cw.close()
		return
	}
	pattern := ""
	if rt, ok := r.Context().Value(routeKey{}).(*route); ok {
		pattern = rt.pattern
	}
	e := c.newEntry(key, rec.status, w.Header(), rec.body.Bytes(), pattern, r)
	if e.size <= c.maxBytes/8 {
		c.put(e, gen)
	}
	kept = e
	c.serve(w, r, e)
}

// lookup returns the fresh entry for key; failing that, for a GET, the rendering to wait
// for, or a new one that this request leads. While an expired entry is rendered again,
// the other requests get the expired one: it is at most a rendering older than the expiry
// allows, and nobody waits for the second's re-rendering. A change leaves no expired entry.
func (c *microcache) lookup(key string, get bool) (*cachedResponse, *flight, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropExpired()
	e := c.entries[key]
	if e != nil && time.Since(e.at) < c.ttl {
		return e, nil, false
	}
	if !get {
		return e, nil, false
	}
	if f := c.inflight[key]; f != nil {
		return e, f, false
	}
	f := &flight{done: make(chan struct{})}
	c.inflight[key] = f
	return nil, f, true
}

func (c *microcache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put keeps e, making room by dropping the oldest entries, unless the cache was emptied
// since generation gen, when e was being rendered.
func (c *microcache) put(e *cachedResponse, gen uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen {
		return
	}
	c.dropExpired()
	if old := c.entries[e.key]; old != nil {
		if time.Since(old.at) < c.ttl {
			return // a request that missed at the same time stored it first
		}
		c.drop(old) // the expired entry it renews
	}
	for c.bytes+e.size > c.maxBytes && len(c.order) > 0 {
		c.dropOldest()
	}
	e.at = time.Now()
	c.entries[e.key] = e
	c.order = append(c.order, e)
	c.bytes += e.size
	if c.sweeper == nil {
		c.sweeper = time.AfterFunc(2*c.ttl, c.sweep)
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
	c.sweeper.Reset(time.Until(c.order[0].at.Add(2 * c.ttl)))
}

// dropExpired drops the entries past twice their ttl: those between once and twice are
// still handed out while their key is rendered again.
func (c *microcache) dropExpired() {
	for len(c.order) > 0 && time.Since(c.order[0].at) >= 2*c.ttl {
		c.dropOldest()
	}
}

// drop removes e, found from the oldest end where renewed entries are.
func (c *microcache) drop(e *cachedResponse) {
	if i := slices.Index(c.order, e); i >= 0 {
		c.order = slices.Delete(c.order, i, i+1)
	}
	delete(c.entries, e.key)
	c.bytes -= e.size
	e.closeFiles()
}

func (c *microcache) dropOldest() {
	e := c.order[0]
	c.order[0] = nil
	c.order = c.order[1:]
	delete(c.entries, e.key)
	c.bytes -= e.size
	e.closeFiles()
}

// dropAll empties the cache: a change was made that this server did not see (Dropper).
func (c *microcache) dropAll() {
	c.mu.Lock()
	c.clear()
	c.mu.Unlock()
}

func (c *microcache) clear() {
	c.gen++
	for _, e := range c.order {
		e.closeFiles()
	}
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

// recorder holds back a response that may be cached until the handler is done, so that it
// is sent from its cache entry: compressed once, with its validators. A response that may
// not be cached, one that outgrows limit, and one whose handler flushes (it streams) go on
// to pass as they are written.
type recorder struct {
	http.ResponseWriter
	pass    *compressWriter
	status  int
	limit   int64
	buffer  bool   // a GET: HEAD is answered from the cache but never fills it
	onPass  func() // told when the response will not be kept
	allowed *bool  // for a viewer's cache: whether the handler let the response be kept
	started bool
	keep    bool
	body    bytes.Buffer
}

// begin decides, once the header is final, whether the response may be kept. A response
// that sets a cookie belongs to one client (a new session, say) and must never be handed
// to another; a download is sent as it is made.
func (r *recorder) begin(code int) {
	if r.started {
		return
	}
	r.started, r.status = true, code
	h := r.Header()
	marked := strings.HasPrefix(h.Get("Cache-Control"), "public")
	if r.allowed != nil {
		marked = *r.allowed
	}
	r.keep = r.buffer && code == http.StatusOK && marked &&
		h.Get("Set-Cookie") == "" && !strings.HasPrefix(h.Get("Content-Disposition"), "attachment")
	if !r.keep {
		r.notKept()
		r.pass.WriteHeader(code)
	}
}

func (r *recorder) notKept() {
	if r.onPass != nil {
		r.onPass()
	}
}

func (r *recorder) WriteHeader(code int) { r.begin(code) }

func (r *recorder) Write(b []byte) (int, error) {
	r.begin(http.StatusOK)
	if r.keep && int64(r.body.Len()+len(b)) > r.limit {
		r.passThrough()
	}
	if r.keep {
		return r.body.Write(b)
	}
	return r.pass.Write(b)
}

// passThrough gives up keeping the response and sends what was held back.
func (r *recorder) passThrough() {
	if !r.keep {
		return
	}
	r.keep = false
	r.notKept()
	r.pass.WriteHeader(r.status)
	if r.body.Len() > 0 {
		r.pass.Write(r.body.Bytes())
	}
	r.body = bytes.Buffer{}
}

// Flush: a handler that flushes streams, and a stream is not kept.
func (r *recorder) Flush() {
	r.begin(http.StatusOK)
	r.passThrough()
	r.pass.Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }
