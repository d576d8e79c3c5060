package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kovit/internal/jobs"
)

// JobRuns implements jobs.Store.
func (s *Store) JobRuns(ctx context.Context) (map[string]jobs.Record, error) {
	rows, err := s.query(ctx, `SELECT name, runs, last_started, last_finished, last_succeeded, last_error, owner, lease_until FROM job_runs`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]jobs.Record{}
	for rows.Next() {
		var r jobs.Record
		var started, finished, succeeded, until sql.NullTime
		if err := rows.Scan(&r.Name, &r.Runs, &started, &finished, &succeeded, &r.Err, &r.Lease.Owner, &until); err != nil {
			return nil, err
		}
		// A time never set reads as the zero time.
		r.Started, r.Finished, r.Succeeded, r.Lease.Until = started.Time, finished.Time, succeeded.Time, until.Time
		out[r.Name] = r
	}
	return out, rows.Err()
}

// StartJob implements jobs.Store: the run count is the compare-and-set that lets only one
// start through, in this process or any other on the database, and the winner's lease
// and its line in the log of runs are written in the same transaction.
func (s *Store) StartJob(ctx context.Context, name string, seen int64, at time.Time, lease jobs.Lease) (bool, error) {
	var started bool
	err := s.transact(ctx, func(tx *tx) error {
		q := `UPDATE job_runs SET runs = runs + 1, last_started = ?, owner = ?, lease_until = ? WHERE name = ? AND runs = ?`
		args := []any{jobTime(at), lease.Owner, jobTime(lease.Until), name, seen}
		if seen == 0 {
			q = `INSERT INTO job_runs (name, runs, last_started, owner, lease_until) VALUES (?, 1, ?, ?, ?) ON CONFLICT (name) DO NOTHING`
			args = []any{name, jobTime(at), lease.Owner, jobTime(lease.Until)}
		}
		res, err := tx.exec(ctx, q, args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if started = n == 1; err != nil || !started {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO job_run_log (name, run, owner, started_at) VALUES (?, ?, ?, ?)`,
			name, seen+1, lease.Owner, jobTime(at))
		return err
	})
	return started, err
}

// RenewJob implements jobs.Store.
func (s *Store) RenewJob(ctx context.Context, name string, started time.Time, lease jobs.Lease) (bool, error) {
	var held bool
	err := s.transact(ctx, func(tx *tx) error {
		res, err := tx.exec(ctx, `UPDATE job_runs SET lease_until = ? WHERE name = ? AND owner = ? AND last_started = ?`,
			jobTime(lease.Until), name, lease.Owner, jobTime(started))
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		held = n == 1
		return err
	})
	return held, err
}

// FinishJob implements jobs.Store.
func (s *Store) FinishJob(ctx context.Context, name, owner string, started, at time.Time, runErr string) error {
	return s.transact(ctx, func(tx *tx) error {
		q := `UPDATE job_runs SET last_finished = ?, last_error = ? WHERE name = ? AND owner = ? AND last_started = ?`
		args := []any{jobTime(at), runErr, name, owner, jobTime(started)}
		if runErr == "" {
			q = `UPDATE job_runs SET last_finished = ?, last_error = ?, last_succeeded = ? WHERE name = ? AND owner = ? AND last_started = ?`
			args = []any{jobTime(at), runErr, jobTime(started), name, owner, jobTime(started)}
		}
		res, err := tx.exec(ctx, q, args...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // another run has taken the job: its end is the one to record
		}
		_, err = tx.exec(ctx, `UPDATE job_run_log SET finished_at = ?, error = ? WHERE name = ? AND owner = ? AND started_at = ?`,
			jobTime(at), runErr, name, owner, jobTime(started))
		return err
	})
}

// JobRun is one run of a scheduled job as the log of runs keeps it.
type JobRun struct {
	Name     string
	Run      int64
	Owner    string
	Started  time.Time
	Finished time.Time // zero: the run never ended (its process stopped)
	Err      string
}

// JobRunLog lists the runs of the job name, oldest first: what an operator (and the test
// of several processes) reads to see each job ran once.
func (s *Store) JobRunLog(ctx context.Context, name string) ([]JobRun, error) {
	rows, err := s.query(ctx, `SELECT name, run, owner, started_at, finished_at, error FROM job_run_log WHERE name = ? ORDER BY run`, name)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []JobRun
	for rows.Next() {
		var r JobRun
		var started time.Time
		var finished sql.NullTime
		if err := rows.Scan(&r.Name, &r.Run, &r.Owner, &started, &finished, &r.Err); err != nil {
			return nil, err
		}
		r.Started, r.Finished = started, finished.Time
		out = append(out, r)
	}
	return out, rows.Err()
}

// jobTime is a job's time as both engines keep it.
func jobTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
