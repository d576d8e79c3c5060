package server

import (
	"bytes"
	"io"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// encoding is a content coding kovit can send. identity is the zero value.
type encoding uint8

const (
	identity encoding = iota
	encGzip
	encBrotli
	encZstd
	encodings // how many there are
)

func (e encoding) String() string {
	return [...]string{"identity", "gzip", "br", "zstd"}[e]
}

// minCompress is the smallest body worth compressing: below about one packet, the
// compressed body arrives no sooner and the header and framing eat the saving.
const minCompress = 1024

// Server preference among codings a client accepts equally. A body kept in the
// response cache is compressed once and sent many times, so the densest coding wins; a
// body rendered for one request is compressed on the way out, so the cheapest does.
var (
	cachedOrder = []encoding{encBrotli, encZstd, encGzip}
	streamOrder = []encoding{encZstd, encGzip, encBrotli}
)

// negotiate picks the coding for a request's Accept-Encoding (RFC 9110 §12.5.3): the
// highest q-value among the codings kovit has, ties broken by prefer; "*" stands for any
// coding the header does not name; identity when nothing else is acceptable, even if the
// client refused it, because a body in a coding it cannot read helps it less.
func negotiate(header string, prefer []encoding) encoding {
	if header == "" {
		return identity
	}
	var q [encodings]int // in thousandths; -1 not named
	for i := range q {
		q[i] = -1
	}
	star := -1
	for part := range strings.SplitSeq(header, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.TrimSpace(name)
		v := qValue(params)
		switch {
		case name == "*":
			star = v
		case strings.EqualFold(name, "gzip"), strings.EqualFold(name, "x-gzip"):
			q[encGzip] = max(q[encGzip], v)
		case strings.EqualFold(name, "br"):
			q[encBrotli] = max(q[encBrotli], v)
		case strings.EqualFold(name, "zstd"):
			q[encZstd] = max(q[encZstd], v)
		}
	}
	best, bestQ := identity, 0
	for _, e := range prefer {
		v := q[e]
		if v < 0 {
			v = star
		}
		if v > bestQ {
			best, bestQ = e, v
		}
	}
	return best
}

// qValue reads "q=0.5" among a coding's parameters: 1000 without one, 0 for a malformed
// one (a client that cannot write its header gets no coding it may not read).
func qValue(params string) int {
	for p := range strings.SplitSeq(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || f < 0 || f > 1 {
			return 0
		}
		return int(f*1000 + 0.5)
	}
	return 1000
}

// compressible says whether a body of this type is text that shrinks. Spreadsheets,
// images and archives are compressed already; a second pass costs time and gains nothing.
// Event streams are left alone so that each event reaches the client when it is written.
func compressible(contentType string) bool {
	t, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch {
	case t == "text/event-stream":
		return false
	case strings.HasPrefix(t, "text/"):
		return true
	case t == "application/json", t == "application/javascript", t == "application/xml",
		t == "image/svg+xml", t == "application/wasm":
		return true
	case strings.HasPrefix(t, "application/") && (strings.HasSuffix(t, "+json") || strings.HasSuffix(t, "+xml")):
		return true
	}
	return false
}

// varyOn adds Accept-Encoding to a response's Vary once, and leaves Vary one line: each
// header line is a few tenths of a microsecond of every cache hit, a tenth of the whole
// when there are a dozen (a session layer adds "Vary: Cookie" on a line of its own).
func varyOn(h http.Header) {
	vs := h.Values("Vary")
	for _, v := range vs {
		for f := range strings.SplitSeq(v, ",") {
			if f = strings.TrimSpace(f); f == "*" || strings.EqualFold(f, "Accept-Encoding") {
				if len(vs) > 1 {
					h.Set("Vary", strings.Join(vs, ", "))
				}
				return
			}
		}
	}
	h.Set("Vary", strings.Join(append(slices.Clip(vs), "Accept-Encoding"), ", "))
}

// Encoders are pooled: a gzip or brotli writer holds hundreds of kilobytes of tables, and
// making one per response would be most of the cost of compressing a page. The levels were
// measured on the 435 KB matrix page: fast ones take 1.5–2.5 ms (gzip 1: 43 KB, zstd 3:
// 32 KB), dense ones up to 25 ms once per cache entry (gzip 6: 35 KB, brotli 5: 28 KB).
var (
	gzipFast  = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}
	gzipDense = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, 6); return w }}
	brFast    = sync.Pool{New: func() any { return brotli.NewWriterOptions(nil, brotli.WriterOptions{Quality: 1, LGWin: 20}) }}
	brDense   = sync.Pool{New: func() any { return brotli.NewWriterOptions(nil, brotli.WriterOptions{Quality: 5, LGWin: 20}) }}
	zstdFast  = sync.Pool{New: func() any {
		w, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1), zstdSmall, zstdWindow)
		return w
	}}
	zstdDense = sync.Pool{New: func() any {
		w, _ := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBetterCompression), zstd.WithEncoderConcurrency(1), zstdSmall, zstdWindow)
		return w
	}}
)

// A 1 MB window compresses kovit's pages as well as the default 4–8 MB ones (measured on the
// matrix page and GET /api/v1/matrix) and keeps an idle zstd encoder at 3–6 MB instead of
// 18–21 MB, a brotli one at 5 MB instead of 11 MB.
var zstdSmall, zstdWindow = zstd.WithLowerEncoderMem(true), zstd.WithWindowSize(1 << 20)

// encoder is a pooled compressing writer; release gives it back after Close.
type encoder struct {
	io.WriteCloser
	flush   func() error
	release func()
}

// newEncoder returns a writer that compresses into dst: dense for a body that is kept,
// fast for one that is sent once.
func newEncoder(e encoding, dst io.Writer, dense bool) *encoder {
	switch e {
	case encGzip:
		p := &gzipFast
		if dense {
			p = &gzipDense
		}
		w := p.Get().(*gzip.Writer)
		w.Reset(dst)
		return &encoder{w, w.Flush, func() { w.Reset(nil); p.Put(w) }}
	case encBrotli:
		p := &brFast
		if dense {
			p = &brDense
		}
		w := p.Get().(*brotli.Writer)
		w.Reset(dst)
		return &encoder{w, w.Flush, func() { w.Reset(nil); p.Put(w) }}
	case encZstd:
		p := &zstdFast
		if dense {
			p = &zstdDense
		}
		w := p.Get().(*zstd.Encoder)
		w.Reset(dst)
		return &encoder{w, w.Flush, func() { w.Reset(nil); p.Put(w) }}
	}
	return nil
}

// compressBody compresses a whole body at the dense level.
func compressBody(e encoding, body []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(body)/4 + 64)
	enc := newEncoder(e, &buf, true)
	enc.Write(body) // a bytes.Buffer does not fail
	enc.Close()
	enc.release()
	return bytes.Clone(buf.Bytes())
}

// gunzip restores a body kept only gzipped, for the rare client that takes no coding.
func gunzip(body []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}
