package sqlstore_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"
	"time"

	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestWarmCellsThen: what WarmCells is given to read after the matrix (the home page's
// copies) is read before Ready says ready, after the matrix's copy; one that fails is
// logged and leaves the process ready all the same.
func TestWarmCellsThen(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		go s.Listen(ctx, log)
		ready := func() bool {
			deadline := time.Now().Add(20 * time.Second)
			for s.Ready(ctx) != nil && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			return s.Ready(ctx) == nil
		}
		started, release := make(chan bool, 1), make(chan struct{})
		s.WarmCells(ctx, log, func(ctx context.Context) error {
			started <- s.CellsKept()
			<-release
			return nil
		})
		select {
		case kept := <-started:
			if !kept {
				t.Error("the home page's copies were read before the matrix's")
			}
		case <-time.After(20 * time.Second):
			t.Fatal("what WarmCells was given was never read")
		}
		if err := s.Ready(ctx); err == nil {
			t.Error("ready while the home page's copies are read")
		}
		close(release)
		if !ready() {
			t.Fatalf("not ready after warming: %v", s.Ready(ctx))
		}

		var second bool
		s.WarmCells(ctx, log, func(context.Context) error { return errors.New("the needs are unreadable") },
			func(context.Context) error { second = true; return nil })
		if !ready() {
			t.Fatalf("a failed read left the process not ready: %v", s.Ready(ctx))
		}
		if second {
			t.Error("warming went on past a failed read")
		}
	})
}
