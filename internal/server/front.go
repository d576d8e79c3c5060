package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
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
			if !f.handOver(c) {
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
