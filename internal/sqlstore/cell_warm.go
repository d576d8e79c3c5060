package sqlstore

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

// WarmCells reads the matrix's kept copy in the background, so that the first request
// after a start does not wait for it: on a large country that is a sequential scan of
// every cell (some 5–20 s), on Estonia's a few milliseconds. Then it runs then, which
// reads what else a first request should find kept (cmd/kovit passes the home page's
// reads: on a large country its needs and plan tree took the first request some 2 s).
// Until all that is read, Ready says not ready, so a load balancer sends requests to a
// process that has it. A failed read is logged and leaves the rest to be read on first
// use, as without warming.
func (s *Store) WarmCells(ctx context.Context, log *slog.Logger, then ...func(context.Context) error) {
	s.warming.Store(true)
	go func() {
		defer s.warming.Store(false)
		start := time.Now()
		// The change feed drops every copy once it listens, and a load that a drop
		// overtook is not kept: read after it, or the first request reads it all again.
		for !s.Listening() {
			select {
			case <-ctx.Done():
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
		for range 3 {
			if _, err := s.cellCopy(ctx); err != nil {
				log.Warn("reading the matrix's kept copy at start", "err", err)
				return
			}
			if s.cells.kept() {
				log.Info("matrix's kept copy read", "took", time.Since(start).String())
				break
			}
		}
		for _, read := range then {
			if err := read(ctx); err != nil {
				log.Warn("reading kept copies at start", "err", err)
				return
			}
		}
		if len(then) > 0 {
			log.Info("kept copies read", "took", time.Since(start).String())
		}
	}()
}

// errWarming is Ready's answer while WarmCells reads the kept copy.
var errWarming = errors.New("matrix: reading the kept copy")

// warmed reports errWarming while WarmCells has not finished.
func (s *Store) warmed() error {
	if s.warming.Load() {
		return errWarming
	}
	return nil
}

// kept reports whether a loaded copy is kept and not dropped since.
func (k *kept[T]) kept() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return !k.loadedAt.IsZero() && !k.dropped
}
