package server

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"golang.org/x/net/http/httpguts"
)

// The front answers the cache's anonymous hits on a connection before net/http's server
// sees it, and hands the connection to net/http at the first request that is not one.
// When net/http has answered a hit on a connection it was handed, the front takes it back
// (hits.ServeHTTP): after a miss, a page's next requests are hits again.
//
// Why: a hit costs kovit's own code a few microseconds; what net/http's server does
// around every request (a goroutine and a read to notice the client leaving, a context,
// five deadlines, its buffers) costs several times that, and held a public page at half of
// what nginx serves the same bytes at (scripts/load). Reading the request with net/http's
// own parser (http.ReadRequest) and answering through the same cache code (hits.answer)
// keeps what is answered, and how, net/http's and the cache's; only the server's
// per-request machinery is skipped.
//
// What it answers: an HTTP/1.1 GET or HEAD with no body, a valid Host, no Connection
// other than keep-alive, no Expect or Upgrade (plain), that the cache answers. Anything
// else, a request it cannot parse included, goes to net/http with every byte the front
// read of it, so net/http parses it from its first byte as if the front were not there.
// TestFrontAnswersAsNetHTTP and FuzzFront hold it to answering every input byte for byte
// as net/http's server alone does.

// FrontLimits are the http.Server's limits, which the front keeps on the connections it
// holds: the same client waits as long, and sends as much, whoever reads it.
type FrontLimits struct {
	ReadHeaderTimeout time.Duration
	IdleTimeout       time.Duration
	WriteTimeout      time.Duration
	// MaxHeaderBytes bounds a request's head; 0 means http.DefaultMaxHeaderBytes. A longer
	// head is handed to net/http, which refuses it (431).
	MaxHeaderBytes int
}

// Front is a net.Listener for http.Server.Serve: it accepts from the listener it wraps,
// answers hits itself, and returns to Accept only the connections it hands over.
type Front struct {
	hits   *hits
	limits FrontLimits
	inner  net.Listener
	log    *slog.Logger

	handed    chan net.Conn
	errs      chan error
	closed    chan struct{}
	closeOnce sync.Once

	mu       sync.Mutex
	conns    map[*frontConn]struct{}
	shutting bool
	running  sync.WaitGroup

	// answered, handedOver and takenBack count the hits answered in front, the connections
	// handed to net/http and those taken back from it.
	answered, handedOver, takenBack atomic.Int64
}

// NewFront puts a front on ln for h, the handler Handler returned; nil when h is not one
// (then serve ln as it is). RegisterOnShutdown the front's Shutdown on the server it feeds.
func NewFront(h http.Handler, ln net.Listener, limits FrontLimits, log *slog.Logger) *Front {
	hs, ok := h.(*hits)
	if !ok {
		return nil
	}
	if limits.MaxHeaderBytes <= 0 {
		limits.MaxHeaderBytes = http.DefaultMaxHeaderBytes
	}
	f := &Front{hits: hs, limits: limits, inner: ln, log: log, handed: make(chan net.Conn),
		errs: make(chan error), closed: make(chan struct{}), conns: map[*frontConn]struct{}{}}
	if hs.m != nil {
		hs.m.watch(f)
	}
	go f.acceptLoop()
	return f
}

func (f *Front) acceptLoop() {
	for {
		c, err := f.inner.Accept()
		if err != nil {
			select { // net/http's Serve decides: it backs off from a passing error, stops at others
			case f.errs <- err:
			case <-f.closed:
				return
			}
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		tc, ok := c.(*net.TCPConn)
		if !ok { // not a socket the front knows how to send from: net/http has it whole
			if !f.handOver(&handedConn{Conn: c}) {
				c.Close()
			}
			continue
		}
		if !f.track(tc, true, nil) {
			c.Close()
		}
	}
}

// Accept returns the next connection handed over.
func (f *Front) Accept() (net.Conn, error) {
	select {
	case c := <-f.handed:
		return c, nil
	case err := <-f.errs:
		return nil, err
	case <-f.closed:
		return nil, net.ErrClosed
	}
}

// Close stops accepting, as closing a listener does; the connections held go on until
// Shutdown or CloseConnections.
func (f *Front) Close() error {
	err := net.ErrClosed
	f.closeOnce.Do(func() {
		close(f.closed)
		err = f.inner.Close()
	})
	return err
}

func (f *Front) Addr() net.Addr { return f.inner.Addr() }

// Shutdown closes the connections waiting for a request, and each other one once its
// answer is written, as http.Server.Shutdown does with its own.
func (f *Front) Shutdown() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.shutting = true
	for fc := range f.conns {
		if fc.idle {
			fc.Close()
		}
	}
}

// Wait waits until the front holds no connection, or ctx ends.
func (f *Front) Wait(ctx context.Context) error {
	done := make(chan struct{})
	go func() { f.running.Wait(); close(done) }()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// CloseConnections closes every connection the front holds, as http.Server.Close does.
func (f *Front) CloseConnections() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.shutting = true
	for fc := range f.conns {
		fc.Close()
	}
}

// track starts serving c, unless the front is shutting down: a new connection, or one taken
// back from net/http after an answer, with the bytes net/http had read ahead pending.
func (f *Front) track(c *net.TCPConn, fresh bool, pending []byte) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.shutting {
		return false
	}
	fc := &frontConn{TCPConn: c, idle: true}
	f.conns[fc] = struct{}{}
	f.running.Add(1)
	go f.serve(fc, fresh, pending)
	return true
}

// setIdle marks fc waiting for a request or busy answering one; false when the front is
// shutting down and fc should close instead.
func (f *Front) setIdle(fc *frontConn, idle bool) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	fc.idle = idle
	return !f.shutting
}

func (f *Front) untrack(fc *frontConn) {
	f.mu.Lock()
	delete(f.conns, fc)
	f.mu.Unlock()
	f.running.Done()
}

// frontConn is a connection the front holds; idle is guarded by Front.mu.
type frontConn struct {
	*net.TCPConn
	idle bool
}

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
	rec := &headReader{src: &handedConn{Conn: fc.TCPConn, pending: pending}, max: f.limits.MaxHeaderBytes + 4<<10}
	br := bufio.NewReaderSize(rec, 4<<10)
	ctx := ConnContext(context.Background(), fc.TCPConn)
	w := &frontWriter{c: fc.TCPConn}
	remote := fc.RemoteAddr().String()
	for first := fresh; ; first = false {
		rec.begin(br)
		// Waiting for a request, the connection is idle: a shutdown closes it. A new one
		// waits for its head's first byte; between requests, as net/http's server does, it
		// waits as long as net/http lets it for four bytes, and closes without an answer
		// when they do not come.
		wait, want := f.limits.ReadHeaderTimeout, 1
		if !first {
			wait, want = f.limits.IdleTimeout, 4
		}
		if br.Buffered() < want {
			fc.SetReadDeadline(time.Now().Add(wait))
			if _, err := br.Peek(want); err != nil {
				return
			}
		}
		if !f.setIdle(fc, false) {
			return
		}
		fc.SetReadDeadline(time.Now().Add(f.limits.ReadHeaderTimeout))
		req, err := http.ReadRequest(br)
		if len(rec.buf) == 0 || rec.err != nil && !errors.Is(rec.err, io.EOF) {
			return // nothing came, a timeout or a reset: net/http too closes without an answer
		}
		if err != nil || !plain(req) {
			// Unreadable or not plain: net/http reads it again from its first byte. A head
			// cut short by the client's end goes too, as net/http answers that (400).
			handed = f.handOver(&handedConn{Conn: fc.TCPConn, pending: slices.Clone(rec.buf), front: f})
			return
		}
		req.RemoteAddr = remote
		req = req.WithContext(ctx)
		fc.SetWriteDeadline(time.Now().Add(f.limits.WriteTimeout))
		w.reset(req)
		if !f.hits.answer(w, req) {
			handed = f.handOver(&handedConn{Conn: fc.TCPConn, pending: slices.Clone(rec.buf), front: f})
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
func (f *Front) handOver(c *handedConn) bool {
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
	tc, ok := c.Conn.(*net.TCPConn)
	if !ok {
		return
	}
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
	if !f.track(tc, false, pending) {
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

// begin starts a request: what br holds already is its first bytes.
func (r *headReader) begin(br *bufio.Reader) {
	ahead, _ := br.Peek(br.Buffered())
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

// handedConn is a connection handed to net/http with the bytes the front read of it
// still to be read, and the front that may take it back. It keeps what net/http and kovit
// reach for on a TCP connection: ReadFrom (sendfile), CloseWrite (a graceful close) and
// SyscallConn (the cork).
type handedConn struct {
	net.Conn
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
	return c.Conn.Read(p)
}

func (c *handedConn) tcp() *net.TCPConn { tc, _ := c.Conn.(*net.TCPConn); return tc }

func (c *handedConn) ReadFrom(r io.Reader) (int64, error) {
	if tc := c.tcp(); tc != nil {
		return tc.ReadFrom(r)
	}
	return io.Copy(c.Conn, r)
}

func (c *handedConn) CloseWrite() error {
	if tc := c.tcp(); tc != nil {
		return tc.CloseWrite()
	}
	return nil
}

func (c *handedConn) SyscallConn() (syscall.RawConn, error) {
	if tc := c.tcp(); tc != nil {
		return tc.SyscallConn()
	}
	return nil, errors.ErrUnsupported
}

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
