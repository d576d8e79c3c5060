package sqlstore

import (
	"context"
	"database/sql"
	"time"

	"kovit/internal/jobs"
)

// JobRuns implements jobs.Store.
func (s *Store) JobRuns(ctx context.Context) (map[string]jobs.Record, error) {
	rows, err := s.query(ctx, `SELECT name, runs, last_started, last_finished, last_succeeded, last_error FROM job_runs`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]jobs.Record{}
	for rows.Next() {
		var r jobs.Record
		var started, finished, succeeded sql.NullTime
		if err := rows.Scan(&r.Name, &r.Runs, &started, &finished, &succeeded, &r.Err); err != nil {
			return nil, err
		}
		// A time never set reads as the zero time.
		r.Started, r.Finished, r.Succeeded = started.Time, finished.Time, succeeded.Time
		out[r.Name] = r
	}
	return out, rows.Err()
}

// StartJob implements jobs.Store: the run count is the compare-and-set that lets only one
// start through.
func (s *Store) StartJob(ctx context.Context, name string, seen int64, at time.Time) (bool, error) {
	var started bool
	err := s.transact(ctx, func(tx *tx) error {
		q := `UPDATE job_runs SET runs = runs + 1, last_started = ? WHERE name = ? AND runs = ?`
		args := []any{jobTime(at), name, seen}
		if seen == 0 {
			q, args = `INSERT INTO job_runs (name, runs, last_started) VALUES (?, 1, ?) ON CONFLICT (name) DO NOTHING`, []any{name, jobTime(at)}
		}
		res, err := tx.exec(ctx, q, args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		started = n == 1
		return err
	})
	return started, err
}

// FinishJob implements jobs.Store.
func (s *Store) FinishJob(ctx context.Context, name string, started, at time.Time, runErr string) error {
	return s.transact(ctx, func(tx *tx) error {
		q := `UPDATE job_runs SET last_finished = ?, last_error = ? WHERE name = ?`
		args := []any{jobTime(at), runErr, name}
		if runErr == "" {
			q = `UPDATE job_runs SET last_finished = ?, last_error = ?, last_succeeded = ? WHERE name = ?`
			args = []any{jobTime(at), runErr, jobTime(started), name}
		}
		_, err := tx.exec(ctx, q, args...)
		return err
	})
}

// jobTime is a job's time as both engines keep it.
func jobTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }
