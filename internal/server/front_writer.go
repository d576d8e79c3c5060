package server

import (
	"io"
	"net"
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"time"
)

// frontWriter is the http.ResponseWriter the front answers a hit through: only the head is
// buffered; it goes out with the body's first write in one writev, or before a large body
// that ReadFrom sends (sendfile).
type frontWriter struct {
	c           net.Conn
	req         *http.Request
	header      http.Header
	keys        []string
	buf         []byte
	status      int
	wroteHeader bool
	wroteHead   bool // the head is in buf or sent
	err         error
}

func (w *frontWriter) reset(r *http.Request) {
	w.req, w.status, w.wroteHeader, w.wroteHead, w.err = r, http.StatusOK, false, false, nil
	w.buf = w.buf[:0]
	if w.header == nil {
		w.header = http.Header{}
	}
	clear(w.header)
}

func (w *frontWriter) Header() http.Header { return w.header }

func (w *frontWriter) WriteHeader(status int) {
	if !w.wroteHeader {
		w.wroteHeader, w.status = true, status
	}
}

// head puts the status line and header into the buffer as net/http's server writes them
// before the body's first bytes p: keys sorted, then a Date unless one is set, and a
// Content-Type sniffed from p when none is set and the body is not encoded.
func (w *frontWriter) head(p []byte) {
	w.wroteHead = true
	b := append(w.buf, "HTTP/1.1 "...)
	b = strconv.AppendInt(b, int64(w.status), 10)
	b = append(b, ' ')
	b = append(b, http.StatusText(w.status)...)
	b = append(b, "\r\n"...)
	if !bodyAllowed(w.status) {
		for _, k := range []string{"Content-Type", "Content-Length", "Transfer-Encoding"} {
			delete(w.header, k)
		}
	}
	w.keys = w.keys[:0]
	for k := range w.header {
		w.keys = append(w.keys, k)
	}
	slices.Sort(w.keys)
	for _, k := range w.keys {
		for _, v := range w.header[k] {
			b = appendField(b, k, textproto.TrimString(newlineToSpace.Replace(v)))
		}
	}
	if _, dated := w.header["Date"]; !dated {
		b = append(b, "Date: "...)
		b = time.Now().UTC().AppendFormat(b, http.TimeFormat)
		b = append(b, "\r\n"...)
	}
	if _, typed := w.header["Content-Type"]; !typed && bodyAllowed(w.status) && len(p) > 0 && w.header.Get("Content-Encoding") == "" {
		b = appendField(b, "Content-Type", http.DetectContentType(p))
	}
	w.buf = append(b, "\r\n"...)
}

func appendField(b []byte, k, v string) []byte {
	b = append(b, k...)
	b = append(b, ": "...)
	b = append(b, v...)
	return append(b, "\r\n"...)
}

// bodyAllowed is net/http's bodyAllowedForStatus.
func bodyAllowed(status int) bool {
	return !(status >= 100 && status <= 199 || status == http.StatusNoContent || status == http.StatusNotModified)
}

var newlineToSpace = strings.NewReplacer("\n", " ", "\r", " ")

func (w *frontWriter) Write(p []byte) (int, error) {
	if !w.wroteHead {
		w.head(p)
	}
	if w.req.Method == http.MethodHead || !bodyAllowed(w.status) {
		return len(p), nil // net/http too drops what a handler writes then
	}
	if w.err != nil {
		return 0, w.err
	}
	if len(w.buf) == 0 {
		n, err := w.c.Write(p)
		w.err = err
		return n, err
	}
	// The head and the body's first bytes leave in one writev: one packet when they fit.
	head := len(w.buf)
	bufs := net.Buffers{w.buf, p}
	n, err := bufs.WriteTo(w.c)
	w.sent()
	w.err = err
	return max(0, int(n)-head), err
}

// sent empties the buffer, and lets go of one an unusually long head made large.
func (w *frontWriter) sent() {
	w.buf = w.buf[:0]
	if cap(w.buf) > 8<<10 {
		w.buf = nil
	}
}

// FlushError sends what is buffered (http.ResponseController's Flush).
func (w *frontWriter) FlushError() error {
	if !w.wroteHead {
		w.head(nil)
	}
	if w.err == nil && len(w.buf) > 0 {
		_, w.err = w.c.Write(w.buf)
		w.sent()
	}
	return w.err
}

// ReadFrom sends src after what is buffered: from a file, by sendfile.
func (w *frontWriter) ReadFrom(src io.Reader) (int64, error) {
	if err := w.FlushError(); err != nil {
		return 0, err
	}
	n, err := io.Copy(w.c, src) // *net.TCPConn's ReadFrom: a file goes by sendfile
	w.err = err
	return n, err
}

// SetWriteDeadline is http.ResponseController's, by which httpstream moves a long body's.
func (w *frontWriter) SetWriteDeadline(t time.Time) error { return w.c.SetWriteDeadline(t) }
