package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"kovit/internal/desk"
)

// LastVisit implements desk.Visits.
func (s *Store) LastVisit(ctx context.Context, userID int64) (time.Time, error) {
	var prev sql.NullTime
	err := s.queryRow(ctx, `SELECT previous_at FROM desk_visits WHERE user_id = ?`, userID).Scan(&prev)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, nil
	}
	return prev.Time, err
}

// Visit implements desk.Visits. A visit is no record a user keeps, so it is not audited.
func (s *Store) Visit(ctx context.Context, userID int64, at time.Time) (time.Time, error) {
	at = jobTime(at)
	var prev sql.NullTime
	err := s.transact(ctx, func(tx *tx) error {
		var last sql.NullTime
		err := tx.queryRow(ctx, `SELECT visited_at, previous_at FROM desk_visits WHERE user_id = ?`, userID).Scan(&last, &prev)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			_, err = tx.exec(ctx, `INSERT INTO desk_visits (user_id, visited_at) VALUES (?, ?)`, userID, at)
			return err
		case err != nil:
			return err
		}
		if at.Sub(last.Time) > desk.Revisit {
			prev = last
		}
		_, err = tx.exec(ctx, `UPDATE desk_visits SET visited_at = ?, previous_at = ? WHERE user_id = ?`, at, prev, userID)
		return err
	})
	return prev.Time, err
}
