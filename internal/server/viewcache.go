package server

import (
	"context"
	"net/http"
)

// The signed-in viewers' cache. A signed-in page was rendered for every request so that an
// editor sees their own change at once; under load that rendering was most of the CPU a
// request cost (BenchmarkSignedInPages: the matrix page 7 ms). This cache keeps the pages
// a handler lets it keep (KeepForViewer) under a key that names the viewer (Options.
// ViewerKey: everything that decides what they see, asked of internal/auth) besides the
// address and language, and it is emptied exactly when the anonymous cache is: by every
// successful change made through this server, before its answer leaves, and by the
// Dropper, which hears of every other change, this process's jobs' and, on PostgreSQL,
// other processes'. So a change is on everyone's next request, and the expiry is a safety
// net only. A page is kept per viewer, never shared between two: it carries the viewer's
// name, counts and follow buttons.

// defaultViewerCacheBytes bounds the viewers' cache when Options.ViewerCacheBytes is not
// set: a page is kept compressed (the matrix page, 435 KB, is 31 KB gzipped), so this holds
// about a thousand viewers' pages.
const defaultViewerCacheBytes = 32 << 20

type viewerSlotKey struct{}

// KeepForViewer lets the viewers' cache keep the page r is being answered with. A handler
// calls it only for a page whose content is decided by the address, the language, the
// viewer and the stored data alone: not by the session's one-time messages, the clock
// beyond the cache's expiry, or a change the GET itself makes.
func KeepForViewer(r *http.Request) {
	if keep, ok := r.Context().Value(viewerSlotKey{}).(*bool); ok {
		*keep = true
	}
}

func keepForViewer(r *http.Request) *bool {
	keep, _ := r.Context().Value(viewerSlotKey{}).(*bool)
	if keep == nil {
		keep = new(bool)
	}
	return keep
}

// viewers answers a signed-in GET or HEAD from the cache when view names its viewer, and
// empties the cache when any other request succeeds.
func (c *microcache) viewers(next http.Handler, view func(*http.Request) string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			dw := &dropWriter{ResponseWriter: w, c: c}
			next.ServeHTTP(dw, r)
			if !dw.refused {
				c.dropAll() // a change that wrote no answer, or one made after it answered
			}
			return
		}
		v := view(r)
		if v == "" {
			next.ServeHTTP(w, r)
			return
		}
		key := v + "\x00" + c.keyOf(r)
		f, leader, answered := c.answer(w, r, key)
		if answered {
			return
		}
		if leader {
			r = r.WithContext(context.WithValue(r.Context(), viewerSlotKey{}, new(bool)))
			c.render(w, r, next, key, f)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// dropWriter empties the viewers' cache as a change's answer starts, so that the client
// cannot ask for a page before the cache has forgotten the old one (the redirect after a
// form is followed at once).
type dropWriter struct {
	http.ResponseWriter
	c       *microcache
	wrote   bool
	refused bool
}

func (d *dropWriter) WriteHeader(code int) {
	if !d.wrote && code >= 200 {
		d.wrote = true
		d.refused = code >= 400
		if !d.refused {
			d.c.dropAll()
		}
	}
	d.ResponseWriter.WriteHeader(code)
}

func (d *dropWriter) Write(b []byte) (int, error) {
	if !d.wrote {
		d.WriteHeader(http.StatusOK)
	}
	return d.ResponseWriter.Write(b)
}

func (d *dropWriter) Flush() {
	if !d.wrote {
		d.WriteHeader(http.StatusOK)
	}
	http.NewResponseController(d.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (d *dropWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }
