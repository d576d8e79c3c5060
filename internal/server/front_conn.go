package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/http/httpguts"
)

// serve answers fc's requests, the first of them starting with pending, until one is not
// a hit; then it hands fc over.
func (f *Front) serve(fc *frontConn, fresh bool, pending []byte) {
	handed := false
	defer func() {
		if p := recover(); p != nil && f.log != nil {
			f.log.Error("panic in the front", "panic", fmt.Sprint(p))
		}
		if !handed {
			fc.Close()
		}
		f.untrack(fc)
	}()
	rec := &headReader{src: &handedConn{TCPConn: fc.TCPConn, pending: pending}, max: f.limits.MaxHeaderBytes + 4<<10}
	br := bufio.NewReaderSize(rec, 4<<10)
	ctx := ConnContext(context.Background(), fc.TCPConn)
	w := &frontWriter{c: fc.TCPConn}
	remote := fc.RemoteAddr().String()
	for first := fresh; ; first = false {
		rec.begin(br)
		// Waiting for a request, the connection is idle: a shutdown closes it. As with
		// net/http's server, a new one has the header timeout from its start for its whole
		// head; between requests it waits, as long as the idle timeout, for four bytes (and
		// closes without an answer when they do not come), then has the header timeout.
		if first {
			fc.SetReadDeadline(time.Now().Add(f.limits.ReadHeaderTimeout))
			if _, err := br.Peek(1); err != nil {
				return
			}
		} else {
			if br.Buffered() < 4 {
				fc.SetReadDeadline(time.Now().Add(f.limits.IdleTimeout))
				if _, err := br.Peek(4); err != nil {
					return
				}
			}
			fc.SetReadDeadline(time.Now().Add(f.limits.ReadHeaderTimeout))
		}
		if !f.setIdle(fc, false) {
			return
		}
		req, err := http.ReadRequest(br)
		if len(rec.buf) == 0 || rec.err != nil && !errors.Is(rec.err, io.EOF) {
			return // nothing came, a timeout or a reset: net/http too closes without an answer
		}
		if err != nil || !plain(req) {
			// Unreadable or not plain: net/http reads it again from its first byte. A head
			// cut short by the client's end goes too, as net/http answers that (400).
			handed = f.handOver(&handedConn{TCPConn: fc.TCPConn, pending: slices.Clone(rec.buf), front: f})
			return
		}
		req.RemoteAddr = remote
		req = req.WithContext(ctx)
		fc.SetWriteDeadline(time.Now().Add(f.limits.WriteTimeout))
		w.reset(req)
		if !f.hits.answer(w, req) {
			handed = f.handOver(&handedConn{TCPConn: fc.TCPConn, pending: slices.Clone(rec.buf), front: f})
			return
		}
		f.answered.Add(1)
		if w.FlushError() != nil || !f.setIdle(fc, true) {
			return
		}
	}
}

// handOver gives c to net/http, which reads its pending bytes first: the request the
// front did not answer, and any after it.
func (f *Front) handOver(c net.Conn) bool {
	c.SetDeadline(time.Time{}) // net/http sets its own
	select {
	case f.handed <- c:
		f.handedOver.Add(1)
		return true
	case <-f.closed:
		return false
	}
}

// takeBack takes c back from net/http after it answered r, a plain request, with a hit
// (hits.ServeHTTP): the next request on c is likely one too, as this one was.
func (f *Front) takeBack(w http.ResponseWriter, c *handedConn) {
	rc := http.NewResponseController(w)
	if rc.Flush() != nil {
		return
	}
	conn, brw, err := rc.Hijack()
	if err != nil {
		return
	}
	if conn != net.Conn(c) { // not the connection handed over: no telling what it holds
		conn.Close()
		return
	}
	// net/http read c's pending bytes before the socket's, so what its reader holds comes
	// before what is still pending.
	ahead, _ := brw.Reader.Peek(brw.Reader.Buffered())
	pending := append(slices.Clone(ahead), c.pending...)
	if !f.track(c.TCPConn, false, pending) {
		c.Close()
		return
	}
	f.takenBack.Add(1)
}

// plain is a request the front may answer: nothing about it asks more of the connection
// than a keep-alive GET or HEAD, and net/http's server would accept it as it is.
func plain(r *http.Request) bool {
	if r.ProtoMajor != 1 || r.ProtoMinor != 1 || (r.Method != http.MethodGet && r.Method != http.MethodHead) ||
		r.Close || !strings.HasPrefix(r.RequestURI, "/") {
		return false
	}
	// No body at all. The parser takes Transfer-Encoding (and a Content-Length beside it)
	// out of the header into these fields, so the header alone does not tell.
	if r.ContentLength != 0 || len(r.TransferEncoding) > 0 || r.Body != http.NoBody {
		return false
	}
	// Both net/http's server and http.ReadRequest refuse two Hosts and move the one into
	// r.Host; one that is empty or malformed is left to net/http to answer.
	if r.Host == "" || len(r.Header["Host"]) > 1 || !httpguts.ValidHostHeader(r.Host) {
		return false
	}
	for k, vs := range r.Header {
		switch k {
		case "Content-Length", "Transfer-Encoding", "Trailer", "Expect", "Upgrade", "Http2-Settings":
			return false
		case "Connection":
			if len(vs) != 1 || !strings.EqualFold(strings.TrimSpace(vs[0]), "keep-alive") {
				return false
			}
		}
		if !httpguts.ValidHeaderFieldName(k) {
			return false
		}
		for _, v := range vs {
			if !httpguts.ValidHeaderFieldValue(v) {
				return false
			}
		}
	}
	return true
}

// headReader keeps every byte read from the connection since the request began, so that a
// request the front does not answer can be handed over whole. It reads no more than max
// bytes a request: a head that long is net/http's to refuse.
type headReader struct {
	src io.Reader
	buf []byte
	max int
	err error
}

var errHeadTooLong = errors.New("request head too long for the front")

// begin starts a request: what br holds already is its first bytes. A buffer an unusually
// long head made large is let go, as an idle connection should hold little.
func (r *headReader) begin(br *bufio.Reader) {
	ahead, _ := br.Peek(br.Buffered())
	if cap(r.buf) > 64<<10 {
		r.buf = nil
	}
	r.buf = append(r.buf[:0], ahead...)
	r.err = nil
}

func (r *headReader) Read(p []byte) (int, error) {
	if len(r.buf) >= r.max {
		return 0, errHeadTooLong
	}
	p = p[:min(len(p), r.max-len(r.buf))]
	n, err := r.src.Read(p)
	r.buf = append(r.buf, p[:n]...)
	if err != nil {
		r.err = err
	}
	return n, err
}

// handedConn is a TCP connection handed to net/http with the bytes the front read of it
// still to be read, and the front that may take it back. Its other methods are the
// socket's: ReadFrom (sendfile), CloseWrite (a graceful close), SyscallConn (the cork).
type handedConn struct {
	*net.TCPConn
	pending []byte
	front   *Front // nil: not to be taken back
}

type handedKey struct{}

func (c *handedConn) Read(p []byte) (int, error) {
	if len(c.pending) > 0 {
		n := copy(p, c.pending)
		c.pending = c.pending[n:]
		return n, nil
	}
	return c.TCPConn.Read(p)
}

// WriteTo reads through Read: the socket's own would skip the pending bytes.
func (c *handedConn) WriteTo(w io.Writer) (int64, error) {
	return io.Copy(w, struct{ io.Reader }{c})
}
