package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/follow"
	"kovit/internal/kovit"
)

// Follows implements follow.Store.
func (s *Store) Follows(ctx context.Context, userID int64) ([]follow.Subject, error) {
	rows, err := s.query(ctx, `SELECT kind, subject FROM follows WHERE user_id = ? ORDER BY kind, subject`, userID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: follows: %w", err)
	}
	defer rows.Close()
	var out []follow.Subject
	for rows.Next() {
		var f follow.Subject
		if err := rows.Scan(&f.Kind, &f.ID); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Follow implements follow.Store.
func (s *Store) Follow(ctx context.Context, userID int64, f follow.Subject) error {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	return s.transact(ctx, func(tx *tx) error {
		if err := tx.followable(ctx, f); err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM follows WHERE user_id = ?`, userID).Scan(&n); err != nil {
			return err
		}
		if n >= follow.MaxFollows {
			var p kovit.Problems
			p.Add("id", "follow.error.too_many")
			return p.Err()
		}
		_, err := tx.exec(ctx, `INSERT INTO follows (user_id, kind, subject, created_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, kind, subject) DO NOTHING`, userID, string(f.Kind), f.ID, s.now())
		if err != nil {
			return fmt.Errorf("sqlstore: follow: %w", err)
		}
		return nil
	})
}

// followable refuses a thing that does not exist as a field error of its id.
func (t *tx) followable(ctx context.Context, f follow.Subject) error {
	q := map[follow.Kind]string{
		follow.Municipality: `SELECT COUNT(*) FROM municipalities WHERE ehak = ?`,
		follow.Service:      `SELECT COUNT(*) FROM services WHERE code = ?`,
		follow.Strategy:     `SELECT COUNT(*) FROM plan_strategies WHERE id = ?`,
	}[f.Kind]
	var arg any = f.ID
	if f.Kind == follow.Strategy {
		id, err := strconv.ParseInt(f.ID, 10, 64)
		if err != nil {
			id = 0
		}
		arg = id
	}
	var n int
	if err := t.queryRow(ctx, q, arg).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		var p kovit.Problems
		p.Add("id", "follow.error.unknown")
		return p.Err()
	}
	return nil
}

// Unfollow implements follow.Store.
func (s *Store) Unfollow(ctx context.Context, userID int64, f follow.Subject) error {
	f.Normalize()
	return s.transact(ctx, func(tx *tx) error {
		_, err := tx.exec(ctx, `DELETE FROM follows WHERE user_id = ? AND kind = ? AND subject = ?`, userID, string(f.Kind), f.ID)
		return err
	})
}
