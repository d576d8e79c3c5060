package jobs_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"kovit/internal/jobs"
)

// A run that stopped without an end (its process was killed) holds its job until its
// lease runs out, and then another runner takes the job over and records its own run.
func TestRunnerTakesOverAfterLease(t *testing.T) {
	onEngines(t, func(t *testing.T, s jobs.Store) {
		ctx := context.Background()
		c := &clock{time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)}
		if started, err := s.StartJob(ctx, "count", 0, c.t, jobs.Lease{Owner: "gone", Until: c.t.Add(time.Minute)}); err != nil || !started {
			t.Fatalf("start: %t, %v", started, err)
		}
		runs := 0
		r := &jobs.Runner{Store: s, Jobs: []jobs.Job{counted("count", &runs, ok)}, Log: quiet, Now: c.now, Owner: "b", Timeout: time.Hour}
		c.t = c.t.Add(59 * time.Second)
		r.RunDue(ctx)
		if runs != 0 {
			t.Fatalf("%d runs while the lease holds, want 0", runs)
		}
		c.t = c.t.Add(time.Second)
		r.RunDue(ctx)
		rec := record(t, s, "count")
		if runs != 1 || rec.Runs != 2 || rec.Lease.Owner != "b" || !rec.Succeeded.Equal(c.t) {
			t.Errorf("%d runs once the lease ran out, record %+v; want b's run", runs, rec)
		}
	})
}

// A runner renews its run's lease while the job runs, so another runner leaves the job
// alone however long it takes; a run whose job was taken over anyway (its process was
// paused past its lease) is stopped and records nothing.
func TestRunnerRenewsLease(t *testing.T) {
	onEngines(t, func(t *testing.T, s jobs.Store) {
		ctx := context.Background()
		var runs atomic.Int32
		stopped := make(chan error, 8)
		release := make(chan struct{})
		job := jobs.Job{Name: "long", Due: jobs.Every(time.Hour), Timeout: 5 * time.Second, Run: func(ctx context.Context, _ time.Time) error {
			runs.Add(1)
			select {
			case <-release:
				return nil
			case <-ctx.Done():
				stopped <- ctx.Err()
				return ctx.Err()
			}
		}}
		// Long enough that a renewal lands in time on a loaded machine.
		lease := time.Second
		a := &jobs.Runner{Store: s, Jobs: []jobs.Job{job}, Log: quiet, Owner: "a", Lease: lease}
		b := &jobs.Runner{Store: s, Jobs: []jobs.Job{job}, Log: quiet, Owner: "b", Lease: lease}
		done := make(chan struct{})
		go func() { defer close(done); a.RunDue(ctx) }()
		for runs.Load() == 0 {
			time.Sleep(time.Millisecond)
		}
		for range 3 { // past the lease several times over
			time.Sleep(lease)
			b.RunDue(ctx)
		}
		if n := runs.Load(); n != 1 {
			t.Fatalf("%d runs while a renews its lease, want 1", n)
		}
		if rec := record(t, s, "long"); rec.Lease.Owner != "a" || !rec.Lease.Until.After(time.Now()) {
			t.Errorf("record while a runs: %+v, want a's lease ahead", rec)
		}

		// Another process takes the job as if a's lease had run out.
		rec := record(t, s, "long")
		if started, err := s.StartJob(ctx, "long", rec.Runs, time.Now(), jobs.Lease{Owner: "c", Until: time.Now().Add(time.Hour)}); err != nil || !started {
			t.Fatalf("take-over: %t, %v", started, err)
		}
		select {
		case <-stopped:
		case <-time.After(5 * time.Second):
			t.Fatal("a's run was not stopped when its job was taken over")
		}
		<-done
		if rec := record(t, s, "long"); rec.Lease.Owner != "c" || !rec.Finished.IsZero() || rec.Err != "" {
			t.Errorf("record after a lost its run: %+v, want c's run going and nothing of a's end", rec)
		}
		close(release)
	})
}
