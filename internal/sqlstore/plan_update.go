package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/plan"
)

const updateColumns = `id, activity_id, body, refers_to, author_id, author_name, version, created_at, updated_at`

func scanUpdate(row scanner) (plan.ProgressUpdate, error) {
	var u plan.ProgressUpdate
	var day string
	err := row.Scan(&u.ID, &u.ActivityID, &u.Body, &day, &u.AuthorID, &u.AuthorName, &u.Version, &u.CreatedAt, &u.UpdatedAt)
	if err != nil {
		return u, err
	}
	if u.Date, err = time.Parse(time.DateOnly, day); err != nil {
		return u, fmt.Errorf("sqlstore: progress update %d date: %w", u.ID, err)
	}
	return u, nil
}

// ProgressUpdates implements plan.Store: newest first, by the day each speaks of.
func (s *Store) ProgressUpdates(ctx context.Context, activityID int64) ([]plan.ProgressUpdate, error) {
	return updatesFrom(ctx, s, activityID)
}

func updatesFrom(ctx context.Context, q querier, activityID int64) ([]plan.ProgressUpdate, error) {
	rows, err := q.query(ctx, `SELECT `+updateColumns+` FROM plan_updates WHERE activity_id = ?
		ORDER BY refers_to DESC, created_at DESC, id DESC`, activityID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: progress updates: %w", err)
	}
	defer rows.Close()
	var out []plan.ProgressUpdate
	for rows.Next() {
		u, err := scanUpdate(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// lastUpdatesFrom is when each activity's updates that filter selects last changed.
// Reading the times and taking the latest in Go, rather than SQL's MAX, keeps them
// time.Time on SQLite, whose driver knows a column's type but not an aggregate's.
func lastUpdatesFrom(ctx context.Context, q querier, filter string, args ...any) (map[int64]time.Time, error) {
	rows, err := q.query(ctx, `SELECT activity_id, updated_at FROM plan_updates`+filter, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: last updates: %w", err)
	}
	defer rows.Close()
	var out map[int64]time.Time
	for rows.Next() {
		var id int64
		var at time.Time
		if err := rows.Scan(&id, &at); err != nil {
			return nil, err
		}
		if out == nil {
			out = map[int64]time.Time{}
		}
		if at.After(out[id]) {
			out[id] = at
		}
	}
	return out, rows.Err()
}

// ProgressUpdate implements plan.Store.
func (s *Store) ProgressUpdate(ctx context.Context, id int64) (plan.ProgressUpdate, error) {
	return progressUpdateFrom(ctx, s, id)
}

func progressUpdateFrom(ctx context.Context, q querier, id int64) (plan.ProgressUpdate, error) {
	u, err := scanUpdate(q.queryRow(ctx, `SELECT `+updateColumns+` FROM plan_updates WHERE id = ?`, id))
	return u, notFound(err)
}

// PostProgressUpdate implements plan.Store; the author is the user of ctx.
func (s *Store) PostProgressUpdate(ctx context.Context, u plan.ProgressUpdate) (plan.ProgressUpdate, error) {
	if err := u.Validate(); err != nil {
		return u, err
	}
	var out plan.ProgressUpdate
	err := s.transact(ctx, func(tx *tx) error {
		if _, _, err := tx.activity(ctx, u.ActivityID); err != nil {
			return err
		}
		author, now := actorOf(ctx), s.now()
		id, err := tx.insert(ctx, `INSERT INTO plan_updates (activity_id, body, refers_to, author_id, author_name, version,
			created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, u.ActivityID, u.Body, u.Date.Format(time.DateOnly),
			author.id, author.name, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert progress update: %w", err)
		}
		if out, err = progressUpdateFrom(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindProgressUpdate, strconv.FormatInt(id, 10), audit.Create, nil, out); err != nil {
			return err
		}
		return tx.emitMentions(ctx, out, "")
	})
	return out, err
}

// EditProgressUpdate implements plan.Store.
func (s *Store) EditProgressUpdate(ctx context.Context, u plan.ProgressUpdate) (plan.ProgressUpdate, error) {
	if err := u.Validate(); err != nil {
		return u, err
	}
	var after plan.ProgressUpdate
	err := s.transact(ctx, func(tx *tx) error {
		before, err := progressUpdateFrom(ctx, tx, u.ID)
		if err != nil {
			return err
		}
		if err := tx.writable(ctx, before.ActivityID, true); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE plan_updates SET body = ?, refers_to = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, u.Body, u.Date.Format(time.DateOnly), s.now(), u.ID, u.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update progress update: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = progressUpdateFrom(ctx, tx, u.ID); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindProgressUpdate, strconv.FormatInt(u.ID, 10), audit.Update, before, after); err != nil {
			return err
		}
		return tx.emitMentions(ctx, after, before.Body)
	})
	return after, err
}

// DeleteProgressUpdate implements plan.Store.
func (s *Store) DeleteProgressUpdate(ctx context.Context, id int64, version int) error {
	return s.transact(ctx, func(tx *tx) error {
		before, err := progressUpdateFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.writable(ctx, before.ActivityID, true); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM plan_updates WHERE id = ? AND version = ?`, id, version)
		if err != nil {
			return fmt.Errorf("sqlstore: delete progress update: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindProgressUpdate, strconv.FormatInt(id, 10), audit.Delete, before, nil)
	})
}
