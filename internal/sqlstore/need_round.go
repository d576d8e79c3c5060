package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/municipality"
	"kovit/internal/need"
)

const roundColumns = `id, title, deadline, instructions, open, version, created_at, updated_at`

func scanRound(row scanner) (need.Round, error) {
	var r need.Round
	err := row.Scan(&r.ID, &r.Title, &r.Deadline, &r.Instructions, &r.Open, &r.Version, &r.CreatedAt, &r.UpdatedAt)
	return r, err
}

// ListRounds implements need.Store, latest deadline first.
func (s *Store) ListRounds(ctx context.Context) ([]need.Round, error) {
	rows, err := s.query(ctx, `SELECT `+roundColumns+` FROM need_rounds ORDER BY deadline DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list rounds: %w", err)
	}
	defer rows.Close()
	out := []need.Round{}
	for rows.Next() {
		r, err := scanRound(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Round implements need.Store.
func (s *Store) Round(ctx context.Context, id int64) (need.Round, error) {
	return roundFrom(ctx, s, id)
}

func roundFrom(ctx context.Context, q querier, id int64) (need.Round, error) {
	r, err := scanRound(q.queryRow(ctx, `SELECT `+roundColumns+` FROM need_rounds WHERE id = ?`, id))
	return r, notFound(err)
}

// CreateRound implements need.Store.
func (s *Store) CreateRound(ctx context.Context, r need.Round) (need.Round, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return r, err
	}
	var out need.Round
	err := s.transact(ctx, func(tx *tx) error {
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO need_rounds (title, deadline, instructions, open, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, 1, ?, ?)`, r.Title, r.Deadline, r.Instructions, r.Open, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert round: %w", err)
		}
		if out, err = roundFrom(ctx, tx, id); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindNeedRound, strconv.FormatInt(id, 10), audit.Create, nil, out); err != nil || !out.Open {
			return err
		}
		return tx.emitRoundOpened(ctx, out)
	})
	return out, err
}

// UpdateRound implements need.Store.
func (s *Store) UpdateRound(ctx context.Context, r need.Round) (need.Round, error) {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return r, err
	}
	var after need.Round
	err := s.transact(ctx, func(tx *tx) error {
		before, err := roundFrom(ctx, tx, r.ID)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE need_rounds SET title = ?, deadline = ?, instructions = ?, open = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, r.Title, r.Deadline, r.Instructions,
			r.Open, s.now(), r.ID, r.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update round: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = roundFrom(ctx, tx, r.ID); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindNeedRound, strconv.FormatInt(r.ID, 10), audit.Update, before, after); err != nil || before.Open || !after.Open {
			return err
		}
		return tx.emitRoundOpened(ctx, after)
	})
	return after, err
}

// Dashboard implements need.Store.
func (s *Store) Dashboard(ctx context.Context, roundID int64) (need.Dashboard, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return need.Dashboard{}, err
	}
	cached, _, err := s.cachedMunicipalities(ctx)
	if err != nil {
		return need.Dashboard{}, err
	}
	ms := make([]municipality.Municipality, len(cached))
	for i, m := range cached {
		ms[i] = m.m
	}
	c, err := s.needCopy(ctx)
	if err != nil {
		return need.Dashboard{}, err
	}
	return need.DashboardOf(r, ms, c.needs), nil
}
