package jobs

import (
	"cmp"
	"context"
	"fmt"
	"log/slog"
	"time"
)

// Runner runs the due jobs at every tick, one at a time, until its context ends.
type Runner struct {
	Store Store
	Jobs  []Job
	Log   *slog.Logger
	// Tick is the time between two looks at the jobs (default a minute): a job runs at
	// most that long after it is due, and a failed job is tried again that much later.
	Tick time.Duration
	// Timeout bounds a run of a job that sets none (default ten minutes).
	Timeout time.Duration
	// Now is the clock; tests replace it.
	Now func() time.Time
	// Owner names this runner in the leases it takes (default: host, process id and a
	// random part), so that of several processes only the one holding a run renews it.
	Owner string
	// Lease is how long a run holds its job without renewing (default a minute): a
	// process stopped mid-run leaves the job to another that much later at most. A
	// running job renews it every third of it.
	Lease time.Duration
}

// Run looks at the jobs at once and then at every tick, and returns when ctx ends. A run
// going on then is stopped through its context and recorded as failed.
func (r *Runner) Run(ctx context.Context) {
	tick := r.Tick
	if tick <= 0 {
		tick = time.Minute
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		r.RunDue(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunDue runs, in order, every job due now that no other run has started.
func (r *Runner) RunDue(ctx context.Context) {
	records, err := r.Store.JobRuns(ctx)
	if err != nil {
		r.Log.Warn("scheduled jobs: reading their records", "err", err)
		return
	}
	for _, j := range r.Jobs {
		if ctx.Err() != nil {
			return
		}
		r.runIfDue(ctx, j, records[j.Name])
	}
}

func (r *Runner) runIfDue(ctx context.Context, j Job, rec Record) {
	now := r.now()
	timeout := cmp.Or(j.Timeout, r.Timeout, 10*time.Minute)
	waiting := rec.Err != "" && now.Before(rec.Finished.Add(j.Retry))
	if rec.running(now, timeout) || waiting || !j.Due(now, rec.Succeeded) {
		return
	}
	// The start is a compare-and-set on the run count, so only one of the runners that
	// read the same record (in this process or another) starts the job, and it takes a
	// lease that it renews while the job runs.
	owner := r.owner()
	started, err := r.Store.StartJob(ctx, j.Name, rec.Runs, now, Lease{Owner: owner, Until: now.Add(r.lease())})
	if err != nil || !started {
		if err != nil {
			r.Log.Warn("scheduled job not started", "job", j.Name, "err", err)
		}
		return
	}
	runCtx, cancel := context.WithTimeout(ctx, timeout)
	lost := r.keepLease(runCtx, cancel, j.Name, owner, now)
	runErr := run(runCtx, j, now)
	cancel()
	if <-lost {
		// Another process has taken the job over: its run is the one recorded.
		r.Log.Warn("scheduled job's lease was lost; another process runs it", "job", j.Name, "err", runErr)
		return
	}
	msg := ""
	if runErr != nil {
		msg = runErr.Error()
		r.Log.Warn("scheduled job failed; it will be tried again", "job", j.Name, "retry", j.Retry.String(), "err", runErr)
	} else {
		r.Log.Info("scheduled job done", "job", j.Name, "took", r.now().Sub(now).String())
	}
	// The end is recorded even when shutdown stopped the run, so the record shows why.
	endCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := r.Store.FinishJob(endCtx, j.Name, owner, now, r.now(), msg); err != nil {
		r.Log.Warn("scheduled job's end not recorded", "job", j.Name, "err", err)
	}
}

// run runs the job, turning a panic into its error so one broken job does not stop the
// server or the jobs after it.
func run(ctx context.Context, j Job, now time.Time) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return j.Run(ctx, now)
}

func (r *Runner) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}
