package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"kovit/internal/digest"
)

// Settings are the facts the store keeps about its database, by key.
type Settings interface {
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
}

// digestWeek is the setting that remembers the last week the digest went out: the week
// is done even when the run that sent it failed for some of its mail.
const digestWeek = "plan_digest_week"

// WeeklyDigest sends the action plan's weekly digest (internal/digest) once a week, from
// Monday 07:00 Estonian time.
type WeeklyDigest struct {
	Digest   digest.Digest
	Settings Settings
	Log      *slog.Logger
}

// Job is the digest as a scheduled job.
func (w WeeklyDigest) Job() Job {
	// A failed run is tried again an hour later, not at the next tick: mail servers are
	// given time to recover, as before the jobs had a runner.
	return Job{Name: "plan_digest", Retry: time.Hour, Due: func(now, last time.Time) bool {
		week := ""
		if !last.IsZero() {
			week = digest.Week(last)
		}
		return digest.Due(now, week)
	}, Run: func(ctx context.Context, now time.Time) error {
		n, err := w.SendIfDue(ctx, now)
		if n > 0 {
			w.Log.Info("weekly digest", "sent", n)
		}
		if err != nil {
			return fmt.Errorf("weekly digest (%d sent): %w", n, err)
		}
		return nil
	}}
}

// SendIfDue sends the week's digest once and returns how many mails went. The week counts
// as done even when some deliveries failed: a second round would repeat the mail to
// everyone it did reach.
func (w WeeklyDigest) SendIfDue(ctx context.Context, now time.Time) (int, error) {
	last, err := w.Settings.Setting(ctx, digestWeek)
	if err != nil || !digest.Due(now, last) {
		return 0, err
	}
	n, sendErr := w.Digest.Send(ctx, now)
	if n == 0 && sendErr != nil {
		return 0, sendErr // nothing reached anyone: try again at the next tick
	}
	if err := w.Settings.SetSetting(ctx, digestWeek, digest.Week(now)); err != nil {
		return n, err
	}
	return n, sendErr
}
