package server

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/zstd"

	"kovit/internal/httpstream"
)

// newEntry makes the cache entry of a rendered response, in the coding r asks for.
func (c *microcache) newEntry(key string, status int, h http.Header, raw []byte, pattern string, r *http.Request) *cachedResponse {
	header := h.Clone()
	header.Del("Content-Length")
	header.Del("Accept-Ranges") // a Range is answered with the whole body from the cache
	e := &cachedResponse{key: key, status: status, header: header, pattern: pattern}
	text := header.Get("Content-Encoding") == "" && compressible(header.Get("Content-Type"))
	e.compress = text && len(raw) >= minCompress
	if text {
		varyOn(header) // a tiny body today may be a long one tomorrow
	}
	if t := header.Get("ETag"); t != "" {
		e.etag = t // the handler's own validator
	} else {
		e.etag = etagOf(raw)
	}
	header.Del("ETag")
	e.weakETag = e.etag
	if len(e.weakETag) > 0 && e.weakETag[0] == '"' {
		e.weakETag = "W/" + e.etag
	}
	now := time.Now()
	c.mu.Lock()
	e.since = c.validators.lastModified(key, e.etag, now)
	c.mu.Unlock()
	if !e.since.IsZero() && header.Get("Last-Modified") == "" {
		e.modified = e.since.UTC().Format(http.TimeFormat)
		e.modifiedH = []string{e.modified}
	}
	e.etagH, e.weakETagH = []string{e.etag}, []string{e.weakETag}
	enc := identity
	if e.compress {
		enc = negotiate(r.Header.Get("Accept-Encoding"), cachedOrder)
	}
	data := raw
	if enc != identity {
		data = compressBody(enc, raw)
		c.compressions.Add(1)
	} else {
		data = bytes.Clone(raw)
	}
	e.bodies[enc].Store(&body{data: data, length: []string{strconv.Itoa(len(data))}})
	e.size = int64(len(key)+len(data)) + headerSize(header) + 256
	return e
}

// serve answers r from e: 304 when the client's copy is current, else the body in the
// coding r accepts, with its validators. A Range is not served from the cache (RFC 9110
// lets a server ignore it): the whole body is.
// It returns the status sent.
func (c *microcache) serve(w http.ResponseWriter, r *http.Request, e *cachedResponse) int {
	enc := identity
	if e.compress {
		enc = negotiate(r.Header.Get("Accept-Encoding"), cachedOrder)
	}
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	if enc == identity {
		h["Etag"] = e.etagH
	} else {
		h["Etag"] = e.weakETagH
	}
	if e.modified != "" {
		h["Last-Modified"] = e.modifiedH
	}
	if notModified(r, e.etag, e.since) {
		// Representation metadata of a body not sent (RFC 9110 §15.4.5).
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return http.StatusNotModified
	}
	b := c.variant(e, enc)
	if b == nil { // a kept coding could not be read back: send what is kept as it is
		enc, b = e.anyBody()
		if enc != identity {
			h["Etag"] = e.weakETagH
		}
	}
	if enc != identity {
		h["Content-Encoding"] = contentEncodingH[enc]
	}
	h["Content-Length"] = b.length
	if r.Method == http.MethodHead {
		w.WriteHeader(e.status)
		return e.status
	}
	corked(w, r, len(b.data), func() {
		w.WriteHeader(e.status)
		if !c.sendFile(w, r, e, b) {
			httpstream.WriteBody(w, r, b.data)
		}
	})
	return e.status
}

// variant returns e's body in coding enc, making it from a kept one the first time.
func (c *microcache) variant(e *cachedResponse, enc encoding) *body {
	if b := e.bodies[enc].Load(); b != nil {
		return b
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if b := e.bodies[enc].Load(); b != nil {
		return b // another request made it while this one waited
	}
	raw := e.raw()
	if raw == nil {
		return nil
	}
	data := raw
	if enc != identity {
		data = compressBody(enc, raw)
		c.compressions.Add(1)
	}
	b := &body{data: data, length: []string{strconv.Itoa(len(data))}}
	e.bodies[enc].Store(b)
	c.grow(e, int64(len(data)))
	return b
}

// raw is e's uncompressed body, from whichever coding is kept.
func (e *cachedResponse) raw() []byte {
	if b := e.bodies[identity].Load(); b != nil {
		return b.data
	}
	for _, enc := range []encoding{encGzip, encZstd, encBrotli} {
		if b := e.bodies[enc].Load(); b != nil {
			raw, err := decode(enc, b.data)
			if err != nil {
				return nil
			}
			return raw
		}
	}
	return nil
}

func (e *cachedResponse) anyBody() (encoding, *body) {
	for enc := range encodings {
		if b := e.bodies[enc].Load(); b != nil {
			return enc, b
		}
	}
	return identity, &body{length: []string{"0"}}
}

// contentEncodingH are the Content-Encoding header values, made once.
var contentEncodingH = [encodings][]string{nil, {"gzip"}, {"br"}, {"zstd"}}

// grow counts n bytes added to e (a coding, a memory file), making room within the cap
// as put does. It says whether e was still kept: one dropped or replaced meanwhile is no
// longer counted.
func (c *microcache) grow(e *cachedResponse, n int64) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries[e.key] != e {
		return false
	}
	e.size += n
	c.bytes += n
	for c.bytes > c.maxBytes && len(c.order) > 0 {
		c.dropOldest()
	}
	return true
}

func decode(enc encoding, data []byte) ([]byte, error) {
	switch enc {
	case encGzip:
		return gunzip(data)
	case encZstd:
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, err
		}
		defer d.Close()
		return d.DecodeAll(data, nil)
	case encBrotli:
		return io.ReadAll(brotli.NewReader(bytes.NewReader(data)))
	}
	return data, nil
}
