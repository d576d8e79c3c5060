package server

import (
	"net/http"
	"strconv"
	"strings"
)

// compressWriter compresses a response that is not kept in the response cache (a
// signed-in page, a download, a change's answer) on its way to the client. It holds the
// first minCompress bytes back to see whether the body is worth compressing, then streams:
// an export of any size goes out as it is written and is never held whole in memory.
type compressWriter struct {
	http.ResponseWriter
	enc     encoding // what the client accepts
	head    bool     // a HEAD request: the headers as for GET, no body to compress
	status  int
	decided bool
	pending []byte
	out     *encoder
}

func newCompressWriter(w http.ResponseWriter, r *http.Request) *compressWriter {
	return &compressWriter{ResponseWriter: w, enc: negotiate(r.Header.Get("Accept-Encoding"), streamOrder),
		head: r.Method == http.MethodHead, status: http.StatusOK}
}

func (c *compressWriter) WriteHeader(code int) {
	if c.decided {
		return // net/http would log a superfluous call; the status is sent already
	}
	if code >= 100 && code < 200 && code != http.StatusSwitchingProtocols {
		c.ResponseWriter.WriteHeader(code) // an informational answer comes before the real one
		return
	}
	c.status = code
	if !c.eligible() {
		c.decide(false)
		return
	}
	if n, err := strconv.Atoi(c.Header().Get("Content-Length")); err == nil && n < minCompress {
		c.decide(false)
	}
}

// eligible: a whole representation of a text type not already encoded, and a body allowed.
func (c *compressWriter) eligible() bool {
	s := c.status
	whole := s >= 200 && s < 300 && s != http.StatusNoContent && s != http.StatusPartialContent ||
		s >= 400 && s != http.StatusRequestedRangeNotSatisfiable
	return whole && c.eligibleType()
}

func (c *compressWriter) Write(b []byte) (int, error) {
	if !c.decided {
		if c.Header().Get("Content-Type") == "" {
			// As net/http would, so that a page that names no type is still compressed.
			c.Header().Set("Content-Type", http.DetectContentType(append(c.pending, b...)))
		}
		if !c.eligible() {
			c.decide(false)
		} else if len(c.pending)+len(b) < minCompress {
			c.pending = append(c.pending, b...)
			return len(b), nil
		} else {
			c.decide(true)
		}
	}
	if c.out != nil {
		return c.out.Write(b)
	}
	if c.head {
		return len(b), nil
	}
	return c.ResponseWriter.Write(b)
}

// decide sends the header, compressed or not, and what was held back.
func (c *compressWriter) decide(compress bool) {
	c.decided = true
	h := c.Header()
	if c.eligibleType() {
		varyOn(h)
	}
	if compress && c.enc != identity {
		h.Del("Content-Length")
		h.Del("Accept-Ranges") // ranges would be of the uncompressed bytes, not of these
		h.Set("Content-Encoding", c.enc.String())
		weakenETag(h)
		c.ResponseWriter.WriteHeader(c.status)
		if !c.head {
			c.out = newEncoder(c.enc, c.ResponseWriter, false)
		}
	} else {
		c.ResponseWriter.WriteHeader(c.status)
	}
	if len(c.pending) > 0 {
		p := c.pending
		c.pending = nil
		if c.out != nil {
			c.out.Write(p)
		} else if !c.head {
			c.ResponseWriter.Write(p)
		}
	}
}

func (c *compressWriter) eligibleType() bool {
	h := c.Header()
	return h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type"))
}

// close ends the response: a short body goes out as it is, a compressed one is finished.
func (c *compressWriter) close() {
	if !c.decided && c.head && c.eligible() {
		// A HEAD whose handler only named the length (http.ServeContent): the headers GET
		// would have.
		if n, err := strconv.Atoi(c.Header().Get("Content-Length")); err == nil && n >= minCompress {
			c.decide(true)
		}
	}
	if !c.decided {
		if len(c.pending) == 0 && c.status == http.StatusOK && c.Header().Get("Content-Type") == "" {
			// Nothing was written: leave the status to net/http as if no writer were between.
			c.decided = true
			return
		}
		c.decide(false)
	}
	if c.out != nil {
		c.out.Close()
		c.out.release()
		c.out = nil
	}
}

// Flush sends what the handler has written so far, compressed as far as it goes: a
// handler that flushes wants its client to see the bytes now.
func (c *compressWriter) Flush() {
	if !c.decided {
		c.decide(c.eligible())
	}
	if c.out != nil {
		c.out.flush()
	}
	http.NewResponseController(c.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (c *compressWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// weakenETag turns a strong validator weak once the body is compressed: the compressed
// bytes differ from the ones the strong tag names, but they say the same (RFC 9110 §8.8.3).
func weakenETag(h http.Header) {
	if t := h.Get("ETag"); t != "" && !strings.HasPrefix(t, "W/") {
		h.Set("ETag", "W/"+t)
	}
}
