package sqlstore

import (
	"context"
	"errors"
	"fmt"
)

// Ready reports why this store should not be sent requests yet, or nil: the database
// answers, every migration this kovit knows is applied (a newer process may be migrating
// it), and on PostgreSQL the change feed is heard, without which this process could serve
// copies other processes have changed.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.read.PingContext(ctx); err != nil {
		return fmt.Errorf("database: %w", err)
	}
	p, err := s.migrations(s.read)
	if err != nil {
		return err
	}
	pending, err := p.HasPending(ctx)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if pending {
		return errors.New("migrations: not all applied")
	}
	if !s.Listening() {
		return errors.New("change feed: not listening")
	}
	return s.warmed()
}
