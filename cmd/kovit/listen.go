package main

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"kovit/internal/server"
)

// The HTTP server's limits. A slow client cannot hold a connection open for ever, while an
// upload of the largest allowed size (10 MB) still arrives at about 1 Mbit/s. Every
// request's context ends at writeTimeout (server.Options.RequestTimeout), when its answer
// could no longer be written anyway.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 90 * time.Second
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	// shutdownGrace is how long a shutdown waits for requests in flight before it cancels
	// their contexts and closes their connections.
	shutdownGrace = 15 * time.Second
)

// listener is an open address and what it serves.
type listener struct {
	ln net.Listener
	h  http.Handler
	// noFront serves every request through net/http's server, the cache's hits too
	// (--no-front; server.Front otherwise answers them before it).
	noFront bool
}

// listen opens the main address and, when set, the metrics address.
func (a *app) listen(c config) ([]listener, error) {
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return nil, err
	}
	ls := []listener{{ln: ln, h: a.handler, noFront: c.NoFront}}
	if c.MetricsAddr != "" {
		mln, err := net.Listen("tcp", c.MetricsAddr)
		if err != nil {
			ln.Close()
			return nil, err
		}
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", a.metrics)
		ls = append(ls, listener{ln: mln, h: mux})
	}
	return ls, nil
}

// frontOf puts server.Front on l, with the server's own limits; nil when l serves without.
func frontOf(l listener, log *slog.Logger) *server.Front {
	if l.noFront {
		return nil
	}
	return server.NewFront(l.h, l.ln, server.FrontLimits{ReadHeaderTimeout: readHeaderTimeout,
		IdleTimeout: idleTimeout, WriteTimeout: writeTimeout}, log)
}

// run serves every listener until ctx ends or one fails. Then requests in flight have
// grace to finish; after it their contexts are cancelled, so a runaway import stops at
// its next check instead of holding the shutdown, and their connections are closed.
func run(ctx context.Context, log *slog.Logger, grace time.Duration, ls ...listener) error {
	requests, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	errc := make(chan error, len(ls))
	var servers []*http.Server
	var fronts []*server.Front
	for _, l := range ls {
		srv := &http.Server{Handler: l.h, ReadHeaderTimeout: readHeaderTimeout, ReadTimeout: readTimeout,
			WriteTimeout: writeTimeout, IdleTimeout: idleTimeout, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn),
			BaseContext: func(net.Listener) context.Context { return requests }, ConnContext: server.ConnContext}
		servers = append(servers, srv)
		ln := l.ln
		// The cache's anonymous hits are answered in front of net/http's server (server.Front).
		if f := frontOf(l, log); f != nil {
			srv.RegisterOnShutdown(f.Shutdown)
			fronts = append(fronts, f)
			ln = f
		}
		go func() { errc <- srv.Serve(ln) }()
	}
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	var wg sync.WaitGroup
	for _, srv := range servers {
		wg.Go(func() {
			if srv.Shutdown(shutdown) != nil {
				log.Warn("requests still running after the grace period are cancelled", "grace", grace.String())
			}
		})
	}
	for _, f := range fronts {
		wg.Go(func() { f.Wait(shutdown) })
	}
	wg.Wait()
	cancelRequests()
	for _, srv := range servers {
		srv.Close()
	}
	for _, f := range fronts {
		f.CloseConnections()
	}
	return err
}
