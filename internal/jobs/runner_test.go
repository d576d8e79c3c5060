package jobs_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"kovit/internal/jobs"
	"kovit/internal/sqlstore/sqlstoretest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// clock is a runner's time, moved by the test.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// counted is an hourly job that counts its runs and fails while fail says so.
func counted(name string, runs *int, fail func() error) jobs.Job {
	return jobs.Job{Name: name, Due: jobs.Every(time.Hour), Run: func(context.Context, time.Time) error {
		*runs++
		return fail()
	}}
}

func ok() error { return nil }

// A due job runs once and is recorded; it does not run again before it is due, not even
// after a restart (a new runner on the same store), and runs again once it is.
func TestRunnerRunsDueJobOnce(t *testing.T) {
	onEngines(t, func(t *testing.T, s jobs.Store) {
		ctx := context.Background()
		c := &clock{time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
		runs := 0
		r := &jobs.Runner{Store: s, Jobs: []jobs.Job{counted("count", &runs, ok)}, Log: quiet, Now: c.now}
		r.RunDue(ctx)
		if runs != 1 {
			t.Fatalf("%d runs, want 1", runs)
		}
		rec := record(t, s, "count")
		if rec.Runs != 1 || !rec.Started.Equal(c.t) || !rec.Succeeded.Equal(c.t) || rec.Finished.Before(rec.Started) || rec.Err != "" {
			t.Errorf("record after the run: %+v", rec)
		}
		c.t = c.t.Add(59 * time.Minute)
		r.RunDue(ctx)
		restarted := &jobs.Runner{Store: s, Jobs: []jobs.Job{counted("count", &runs, ok)}, Log: quiet, Now: c.now}
		restarted.RunDue(ctx)
		if runs != 1 {
			t.Errorf("%d runs before the job is due again, want 1", runs)
		}
		c.t = c.t.Add(time.Minute)
		restarted.RunDue(ctx)
		if rec := record(t, s, "count"); runs != 2 || rec.Runs != 2 || !rec.Succeeded.Equal(c.t) {
			t.Errorf("%d runs an hour later, want 2; record %+v", runs, rec)
		}
	})
}

// A failed run is recorded with its error and tried again at the next tick, or after its
// Retry, without holding up the jobs after it; a panic is a failure like any other.
func TestRunnerRetriesAfterFailure(t *testing.T) {
	onEngines(t, func(t *testing.T, s jobs.Store) {
		ctx := context.Background()
		c := &clock{time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
		var failing, panicking, waiting, after int
		down := true
		waits := counted("waiting", &waiting, func() error { return errors.New("partly sent") })
		waits.Retry = time.Hour
		r := &jobs.Runner{Store: s, Log: quiet, Now: c.now, Jobs: []jobs.Job{
			counted("failing", &failing, func() error {
				if down {
					return errors.New("mail server down")
				}
				return nil
			}),
			counted("panicking", &panicking, func() error {
				if down {
					panic("broken")
				}
				return nil
			}),
			waits,
			counted("after", &after, ok),
		}}
		r.RunDue(ctx)
		if failing != 1 || panicking != 1 || waiting != 1 || after != 1 {
			t.Fatalf("runs %d, %d, %d, %d; want each job once", failing, panicking, waiting, after)
		}
		for name, want := range map[string]string{"failing": "mail server down", "panicking": "panic: broken"} {
			if rec := record(t, s, name); rec.Err != want || !rec.Succeeded.IsZero() || rec.Finished.IsZero() {
				t.Errorf("record of %s: %+v, want the error %q and no success", name, rec, want)
			}
		}
		c.t = c.t.Add(time.Minute)
		down = false
		r.RunDue(ctx)
		if failing != 2 || panicking != 2 || waiting != 1 || after != 1 {
			t.Errorf("runs %d, %d, %d, %d at the next tick; want the failed ones again but the one that waits",
				failing, panicking, waiting, after)
		}
		if rec := record(t, s, "failing"); rec.Err != "" || !rec.Succeeded.Equal(c.t) {
			t.Errorf("record after the retry: %+v", rec)
		}
		c.t = c.t.Add(time.Hour)
		r.RunDue(ctx)
		if waiting != 2 {
			t.Errorf("%d runs an hour after the failure of a job that waits, want 2", waiting)
		}
	})
}

// A run is stopped at its timeout and recorded as failed; a run that another runner has
// started and not ended is left alone until its lease has run out (a crashed run).
func TestRunnerTimeout(t *testing.T) {
	onEngines(t, func(t *testing.T, s jobs.Store) {
		ctx := context.Background()
		c := &clock{time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
		runs := 0
		slow := jobs.Job{Name: "slow", Due: jobs.Every(time.Hour), Timeout: 20 * time.Millisecond,
			Run: func(ctx context.Context, _ time.Time) error {
				runs++
				<-ctx.Done()
				return ctx.Err()
			}}
		r := &jobs.Runner{Store: s, Jobs: []jobs.Job{slow}, Log: quiet, Now: c.now}
		r.RunDue(ctx)
		if rec := record(t, s, "slow"); runs != 1 || !strings.Contains(rec.Err, "deadline exceeded") {
			t.Errorf("%d runs, record %+v; want one stopped at its timeout", runs, rec)
		}

		// Another runner started the next run and has not ended it.
		c.t = c.t.Add(time.Minute)
		if started, err := s.StartJob(ctx, "slow", record(t, s, "slow").Runs, c.t, jobs.Lease{Owner: "other", Until: c.t.Add(20 * time.Millisecond)}); err != nil || !started {
			t.Fatalf("start: %t, %v", started, err)
		}
		r.RunDue(ctx)
		if runs != 1 {
			t.Errorf("%d runs while another run is going, want 1", runs)
		}
		c.t = c.t.Add(20 * time.Millisecond)
		r.RunDue(ctx)
		if runs != 2 {
			t.Errorf("%d runs after the other run's lease, want 2", runs)
		}
	})
}

// Cancelling the runner's context (shutdown) stops the job going on and the runner, and
// the run is recorded as stopped.
func TestRunnerStopsOnCancel(t *testing.T) {
	onEngines(t, func(t *testing.T, s jobs.Store) {
		ctx, cancel := context.WithCancel(context.Background())
		running := make(chan struct{})
		r := &jobs.Runner{Store: s, Log: quiet, Tick: time.Millisecond, Jobs: []jobs.Job{{Name: "long", Due: jobs.Every(time.Hour),
			Run: func(ctx context.Context, _ time.Time) error {
				close(running)
				<-ctx.Done()
				return ctx.Err()
			}}}}
		done := make(chan struct{})
		go func() { defer close(done); r.Run(ctx) }()
		<-running
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("the runner did not stop")
		}
		if rec := record(t, s, "long"); rec.Err != context.Canceled.Error() || rec.Finished.Before(rec.Started) {
			t.Errorf("record of the stopped run: %+v", rec)
		}
	})
}

// onEngines runs fn on a fresh store of each engine.
func onEngines(t *testing.T, fn func(t *testing.T, s jobs.Store)) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) { fn(t, sqlstoretest.New(t, e)) })
	}
}

func record(t *testing.T, s jobs.Store, name string) jobs.Record {
	t.Helper()
	recs, err := s.JobRuns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return recs[name]
}
