package jobs

import (
	"context"

	"kovit/internal/need"
)

// Deps are what today's jobs work with; cmd/kovit fills them from the store and the mail
// server.
type Deps struct {
	Snapshots SnapshotStore
	// DeleteExpiredSessions is the session store's sweep.
	DeleteExpiredSessions func(ctx context.Context) error
	Digest                WeeklyDigest
	Reminders             *need.Reminders
}

// Schedule is every scheduled job of kovit, in the order a tick runs them.
func Schedule(d Deps) []Job {
	return []Job{
		SessionSweep(d.DeleteExpiredSessions),
		Snapshot(d.Snapshots),
		d.Digest.Job(),
		RoundReminders(d.Reminders),
	}
}
