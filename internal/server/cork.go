package server

import (
	"context"
	"net"
	"net/http"
	"syscall"
)

// A kept answer is sent corked: net/http writes the header and the body's first bytes
// through a 4 KB buffer and the rest straight after, so a page of more than a few
// kilobytes left in two TCP sends, each a packet for the client to wake up for. Corked,
// the kernel sends the two writes as one, as nginx's tcp_nopush does with its header and
// file; on the 32 KB matrix page that took about a tenth off the CPU time a hit costs.

// corkAbove is the body size from which the header and body are written in two: the
// buffer's 4 KB less room for the header.
const corkAbove = 3 << 10

type connKey struct{}

// ConnContext is http.Server's ConnContext: it keeps a TCP connection's socket in its
// requests' context, so that a kept answer can be sent corked, and a connection the front
// handed over, so that the front can take it back.
func ConnContext(ctx context.Context, c net.Conn) context.Context {
	if hc, ok := c.(*handedConn); ok && hc.front != nil {
		ctx = context.WithValue(ctx, handedKey{}, hc) // for the front to take back (hits.ServeHTTP)
	}
	// A TCP connection, or one the front handed over (handedConn); a TLS one has no socket
	// of its own to cork.
	if sc, ok := c.(syscall.Conn); ok {
		if rc, err := sc.SyscallConn(); err == nil {
			return context.WithValue(ctx, connKey{}, rc)
		}
	}
	return ctx
}

// corked runs write, which writes a response of size bytes, with the socket corked, and
// sends what it wrote at once. Without a socket (a test's recorder, TLS) or for a small
// response it just writes.
func corked(w http.ResponseWriter, r *http.Request, size int, write func()) {
	rc, ok := r.Context().Value(connKey{}).(syscall.RawConn)
	if !ok || size <= corkAbove {
		write()
		return
	}
	rc.Control(corkOn)
	// Uncorked whatever happens: a socket left corked would hold every later answer on
	// the connection back for 200 ms.
	defer rc.Control(corkOff)
	write()
	http.NewResponseController(w).Flush() // out of net/http's buffers before the uncork sends it
}

func corkOn(fd uintptr)  { setCork(fd, true) }
func corkOff(fd uintptr) { setCork(fd, false) }
