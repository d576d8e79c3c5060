package sqlstore_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestWarmCells: WarmCells reads the matrix's kept copy without a request asking for it,
// and Ready says not ready while it reads.
func TestWarmCells(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		// On PostgreSQL, warming waits for the change feed, whose first drop it must
		// follow; the store is not ready without it anyway.
		go s.Listen(ctx, log)
		for wait := time.Now().Add(20 * time.Second); !s.Listening() && time.Now().Before(wait); {
			time.Sleep(10 * time.Millisecond)
		}
		if s.CellsKept() {
			t.Fatal("the kept copy is read before anything asked for it")
		}
		if err := s.Ready(ctx); err != nil {
			t.Fatalf("a new store is not ready: %v", err)
		}
		release := s.HoldWarming()
		if err := s.Ready(ctx); err == nil || !strings.Contains(err.Error(), "matrix") {
			t.Errorf("ready while the kept copy is read: %v", err)
		}
		release()

		s.WarmCells(ctx, log)
		deadline := time.Now().Add(20 * time.Second)
		for s.Ready(ctx) != nil && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		if err := s.Ready(ctx); err != nil {
			t.Fatalf("not ready after warming: %v", err)
		}
		if !s.CellsKept() {
			t.Error("ready, but the kept copy was not read")
		}
	})
}
