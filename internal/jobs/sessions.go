package jobs

import (
	"context"
	"time"
)

// SessionSweep removes the expired sessions every hour; deleteExpired is the session
// store's.
func SessionSweep(deleteExpired func(ctx context.Context) error) Job {
	return Job{Name: "session_sweep", Due: Every(time.Hour), Run: func(ctx context.Context, _ time.Time) error {
		return deleteExpired(ctx)
	}}
}
