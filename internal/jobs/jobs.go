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
}

// running reports whether a run started before now is still going by the record: it has
// not ended, and it is not past its timeout (a run that was stopped by a crash has no end,
// and is given up once its timeout has passed).
func (r Record) running(now time.Time, timeout time.Duration) bool {
	return !r.Started.IsZero() && r.Finished.Before(r.Started) && now.Before(r.Started.Add(timeout))
}

// Store keeps the jobs' records.
type Store interface {
	// JobRuns returns the record of every job that has started, by name.
	JobRuns(ctx context.Context) (map[string]Record, error)
	// StartJob records that the job starts at, if its run count is still seen, and reports
	// whether it did: false means another run started since the record was read.
	StartJob(ctx context.Context, name string, seen int64, at time.Time) (bool, error)
	// FinishJob records the end of the run that started at started; runErr is "" when it
	// succeeded.
	FinishJob(ctx context.Context, name string, started, at time.Time, runErr string) error
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
