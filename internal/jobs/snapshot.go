package jobs

import (
	"context"
	"time"

	"kovit/internal/eservice"
)

// SnapshotStore keeps the e-service matrix's end-of-month snapshots.
type SnapshotStore interface {
	SnapshotMonths(ctx context.Context) ([]string, error)
	TakeSnapshot(ctx context.Context, month string) error
}

// Snapshot takes the end-of-month snapshot of the e-service matrix at the first tick of a
// month, and catches up on a month whose end the server was down for (eservice.DueSnapshot).
func Snapshot(s SnapshotStore) Job {
	return Job{Name: "eservice_snapshot", Due: Monthly, Run: func(ctx context.Context, now time.Time) error {
		taken, err := s.SnapshotMonths(ctx)
		if err != nil {
			return err
		}
		if month, due := eservice.DueSnapshot(now, taken); due {
			return s.TakeSnapshot(ctx, month)
		}
		return nil
	}}
}
