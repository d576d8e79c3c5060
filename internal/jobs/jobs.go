// Package jobs runs kovit's scheduled jobs: each job says when it is due, and the Runner
// runs due jobs one at a time and records every run in the store (job_runs), so a restart
// neither repeats nor forgets one.
//
// Every scheduled job lives here, one file per job (snapshot.go, digest.go, reminders.go,
// sessions.go, notify.go), built from its module's rules; Schedule lists them in the order they run.
// A new module adds its job as a file beside them and a line in Schedule.
package jobs

import (
	"context"
	"time"
)

// Job is one scheduled job.
type Job struct {
	// Name keys the job's record: renaming a job forgets when it last ran.
	Name string
	// Due reports whether the job should run at now, given the start of its last run that
	// ended without error (zero when none has). A failed run leaves that time as it was,
	// so the job stays due and is tried again at the next tick.
	Due func(now, lastSucceeded time.Time) bool
	// Run does the job as of now. It stops when ctx ends (the run's timeout, or shutdown).
	Run func(ctx context.Context, now time.Time) error
	// Timeout bounds one run; zero means the Runner's.
	Timeout time.Duration
	// Retry is how long after a failed run the job is tried again; zero means at the next
	// tick. A job whose failure may have done part of its work (some mail sent) waits.
	Retry time.Duration
}

// Record is what the store keeps of a job's runs.
type Record struct {
	Name string
	// Runs counts the runs started: a start names the count it saw, so of two runners
	// that saw the same record only one starts the job.
	Runs      int64
	Started   time.Time // the last run's start; zero when it never ran
	Finished  time.Time // the last run's end; before Started while a run is going
	Succeeded time.Time // the start of the last run that ended without error
	Err       string    // how the last run failed; "" when it succeeded
	// Lease is who holds the last run and until when; a record from before leases has
	// none (zero Until), and its run is given up at its timeout.
	Lease Lease
}

// Lease is a run's hold on its job across processes: the runner that started it (Owner)
// renews Until while the run goes on, so a runner that stopped mid-run (a crash, a killed
// process) leaves the job to another once Until has passed.
type Lease struct {
	Owner string
	Until time.Time
}

// running reports whether a run started before now is still going by the record: it has
// not ended, and its lease has not run out (a run that was stopped by a crash has no end,
// and is given up once its lease, or without one its timeout, has passed).
func (r Record) running(now time.Time, timeout time.Duration) bool {
	if r.Started.IsZero() || !r.Finished.Before(r.Started) {
		return false
	}
	if !r.Lease.Until.IsZero() {
		return now.Before(r.Lease.Until)
	}
	return now.Before(r.Started.Add(timeout))
}

// Store keeps the jobs' records.
type Store interface {
	// JobRuns returns the record of every job that has started, by name.
	JobRuns(ctx context.Context) (map[string]Record, error)
	// StartJob records that the job starts at, held by lease, if its run count is still
	// seen, and reports whether it did: false means another run started since the record
	// was read. It is the one place where a job is run once across processes. Each start
	// is kept in the job's log of runs too.
	StartJob(ctx context.Context, name string, seen int64, at time.Time, lease Lease) (bool, error)
	// RenewJob extends the lease of the run lease.Owner started at started to lease.Until,
	// and reports whether that run still holds the job: false means its lease ran out and
	// another run took the job.
	RenewJob(ctx context.Context, name string, started time.Time, lease Lease) (bool, error)
	// FinishJob records the end of the run that owner started at started; runErr is ""
	// when it succeeded. A run that lost the job to another records nothing.
	FinishJob(ctx context.Context, name, owner string, started, at time.Time, runErr string) error
}

// Every is the schedule of a job that runs at least interval apart.
func Every(interval time.Duration) func(now, last time.Time) bool {
	return func(now, last time.Time) bool { return last.IsZero() || now.Sub(last) >= interval }
}

// Monthly is the schedule of a job that runs once in each calendar month (in now's
// location), as early in it as the runner ticks.
func Monthly(now, last time.Time) bool {
	return last.Before(time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location()))
}
