package api

import (
	"io"
	"net/http"

	"kovit/internal/cpsv"
	"kovit/internal/eservice"
	"kovit/internal/httpstream"
	"kovit/internal/municipality"
)

// cpsvExport publishes every offered service as CPSV-AP 3.2.0, in JSON-LD or Turtle by the
// route's extension. Identifiers are minted from the configured base URL, never from the
// request's Host or X-Forwarded-* headers: those are the client's to choose, and the
// document is cached and republished to everyone. The document is written a service at a
// time (Store.EachServiceOffers, one pass over a large country's cells), never whole.
func (a *API) cpsvExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ms, err := a.matrixSelection(r, municipality.Filter{}, "")
	if err != nil {
		return err
	}
	services, err := a.services.ListServices(ctx, false)
	if err != nil {
		return err
	}
	turtle := r.Pattern == "GET "+prefix+"/cpsv-ap.ttl"
	if turtle {
		w.Header().Set("Content-Type", "text/turtle; charset=utf-8")
	} else {
		w.Header().Set("Content-Type", "application/ld+json")
	}
	each := func(fn func(int, map[string]eservice.Cell) error) error {
		return a.services.EachServiceOffers(ctx, services, fn)
	}
	// The graph of a large country takes longer than the server's write timeout: it keeps
	// going while the harvester takes what is written.
	cw := &countingWriter{w: httpstream.Writer(w, r)}
	err = cpsv.Write(cw, turtle, a.baseURL, ms, services, each)
	if err != nil && cw.n > 0 {
		// Part of the document is out with a 200: end the connection so the harvester
		// sees the transfer fail rather than a problem document after the graph.
		a.log.ErrorContext(ctx, "cpsv export", "err", err)
		panic(http.ErrAbortHandler)
	}
	return err
}

// countingWriter counts what has been written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}
