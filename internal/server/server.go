// Package server is what every request passes through before it reaches the HTML UI or
// the JSON API: panic recovery, request ids, logs and metrics per route, security headers,
// cross-origin (CSRF) protection and authentication.
package server

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"kovit/internal/httpstream"
)

// Options configure the handler chain.
type Options struct {
	Logger  *slog.Logger
	Metrics *Metrics
	// Authenticate puts the signed-in user into the request context (auth.Authenticator).
	Authenticate func(http.Handler) http.Handler
	// Secure marks the server as reached over HTTPS, which adds HSTS.
	Secure bool
	// SessionCookie is the session cookie's name: requests carrying it bypass the microcache.
	SessionCookie string
	// BaseURL is this server's public address (--base-url). Cached responses are rendered
	// for its host, whatever Host a request names.
	BaseURL string
	// RequestTimeout ends each request's context this long after it starts (the server's
	// write timeout); 0 leaves it to the client and the server's shutdown.
	RequestTimeout time.Duration
	// Stream moves a streamed answer's ends as it makes progress (httpstream.Writer);
	// zero means httpstream.Default.
	Stream httpstream.Limits
	// CacheBytes bounds the memory of the response cache; 0 means 64 MB.
	CacheBytes int64
	// CacheTTL is how long the response cache keeps an answer; 0 means a second. With a
	// Dropper told of every change, it may be longer: it is then only a safety net.
	CacheTTL time.Duration
	// Dropper, when set, can empty the response cache from outside (see Dropper).
	Dropper *Dropper
	// ViewerKey names the signed-in viewer of a request for the viewers' cache
	// (viewcache.go): everything that decides what they see. "" (or no ViewerKey) leaves
	// the request to be rendered, as for a request that must not be answered from a cache.
	ViewerKey func(*http.Request) string
	// ViewerCacheBytes bounds the memory of the viewers' cache; 0 means 32 MB.
	ViewerCacheBytes int64
	// Synthetic marks every response of a database filled by the demo generator, so API
	// clients, like the pages' banner, cannot take it for real data.
	Synthetic bool
}

// Handler wraps mux, on which the UI and the API have registered their routes.
func Handler(mux *http.ServeMux, o Options) http.Handler {
	var h http.Handler = capturePattern(mux)
	if o.ViewerKey != nil {
		// Keyed on the Host the request names: a signed-in page is rendered for it, not
		// for the canonical host as a page handed to anyone is.
		viewers := newMicrocache(cmp.Or(o.CacheTTL, time.Second), o.SessionCookie, "",
			cmp.Or(o.ViewerCacheBytes, defaultViewerCacheBytes))
		viewers.viewer = true
		if o.Dropper != nil {
			o.Dropper.add(viewers.dropAll, true)
		}
		h = viewers.viewers(h, o.ViewerKey)
	}
	if o.Authenticate != nil {
		h = o.Authenticate(h)
	}
	h = http.NewCrossOriginProtection().Handler(h)
	cache := newMicrocache(cmp.Or(o.CacheTTL, time.Second), o.SessionCookie, hostOf(o.BaseURL), o.CacheBytes)
	if o.Dropper != nil {
		o.Dropper.add(cache.dropAll, false)
	}
	h = cache.handler(h)
	h = securityHeaders(h, o.Secure, o.Synthetic)
	h = observe(h, o.Logger, o.Metrics)
	h = withDeadline(h, o.RequestTimeout, cmp.Or(o.Stream, httpstream.Default))
	h = recoverPanics(h, o.Logger)
	return cache.fast(h, o.Logger, o.Metrics)
}

func hostOf(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil {
		return ""
	}
	return u.Host
}

type routeKey struct{}
type requestIDKey struct{}

// route is filled in by the innermost layer once the mux has matched a pattern, so the
// outer logging and metrics layer can label requests by route rather than by raw path.
type route struct{ pattern string }

func capturePattern(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mux.ServeHTTP(w, r)
		if rt, ok := r.Context().Value(routeKey{}).(*route); ok {
			rt.pattern = r.Pattern
		}
	})
}

// RequestID returns the id of the request, shown to users on error pages so that they
// can quote it and the log line can be found.
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

func newRequestID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func observe(next http.Handler, log *slog.Logger, m *Metrics) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newRequestID()
		rt := &route{}
		ctx := context.WithValue(context.WithValue(r.Context(), requestIDKey{}, id), routeKey{}, rt)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r.WithContext(ctx))
		d := time.Since(start)
		pattern := rt.pattern
		if pattern == "" {
			pattern = "unmatched"
		}
		if m != nil {
			m.observe(pattern, r.Method, sw.status, d)
		}
		if log != nil {
			log.LogAttrs(ctx, slog.LevelInfo, "request", slog.String("id", id), slog.String("method", r.Method),
				slog.String("path", r.URL.Path), slog.String("route", pattern), slog.Int("status", sw.status),
				slog.Duration("duration", d))
		}
	})
}

type statusWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// csp allows only kovit's own scripts, styles and images: no inline script can run. Its
// frame-ancestors 'none' is what keeps kovit's pages out of other sites' frames: browsers
// ignore X-Frame-Options when it is present (CSP Level 2 and later), so that header is not
// sent as well.
const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"

func securityHeaders(next http.Handler, secure, synthetic bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		if secure {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		if synthetic {
			h.Set("X-Kovit-Synthetic", "true")
		}
		next.ServeHTTP(w, r)
	})
}

func recoverPanics(next http.Handler, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				if log != nil {
					log.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(p), "id", RequestID(r.Context()))
				}
				http.Error(w, "Internal error / Sisemine viga", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
