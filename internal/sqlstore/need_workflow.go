package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// TransitionNeed implements need.Store.
func (s *Store) TransitionNeed(ctx context.Context, id int64, t need.Transition) (need.Need, error) {
	var after need.Need
	err := s.transact(ctx, func(tx *tx) error {
		before, err := tx.need(ctx, id)
		if err != nil {
			return err
		}
		if _, err := t.Check(before); err != nil {
			return err
		}
		if before.Version != t.Version {
			return kovit.Conflict()
		}
		var p kovit.Problems
		if t.To == need.Duplicate {
			if err := tx.checkIDs(ctx, &p, "needs", "", idsOf(t.DuplicateOf), "duplicate_of", "need.error.duplicate_of"); err != nil {
				return err
			}
		}
		if t.To == need.Accepted && t.ConsolidatedID != nil {
			if err := tx.checkIDs(ctx, &p, "need_consolidated", "", idsOf(t.ConsolidatedID), "consolidated_id", "need.error.unknown_consolidated"); err != nil {
				return err
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		after, err = tx.moveNeed(ctx, before, t)
		return err
	})
	return after, err
}

// moveNeed changes a need's state, with the links the move makes or breaks, and records
// the move as an event and in the audit trail. The caller has checked that it is allowed.
func (t *tx) moveNeed(ctx context.Context, before need.Need, tr need.Transition) (need.Need, error) {
	dup, cons := tr.Links(before)
	res, err := t.exec(ctx, `UPDATE needs SET state = ?, state_reason = ?, duplicate_of = ?, consolidated_id = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, string(tr.To), tr.Reason, dup, cons,
		t.s.now(), before.ID, before.Version)
	if err != nil {
		return before, fmt.Errorf("sqlstore: move need: %w", err)
	}
	if err := oneRow(res); err != nil {
		return before, err
	}
	if err := t.needEvent(ctx, before.ID, before.State, tr.To, tr.Reason); err != nil {
		return before, err
	}
	after, err := t.need(ctx, before.ID)
	if err != nil {
		return after, err
	}
	if err := t.record(ctx, audit.KindNeed, strconv.FormatInt(before.ID, 10), audit.Update, before, after); err != nil {
		return after, err
	}
	return after, t.emitNeedMove(ctx, after, tr.Reason)
}

// needEvent appends to a need's history; the signed-in user is who moved it.
func (t *tx) needEvent(ctx context.Context, id int64, from, to need.State, reason string) error {
	by := actorOf(ctx)
	_, err := t.exec(ctx, `INSERT INTO need_events (need_id, from_state, to_state, by_id, by_name, reason, at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, id, string(from), string(to), by.id, by.name, reason, t.s.now())
	if err != nil {
		return fmt.Errorf("sqlstore: need event: %w", err)
	}
	return nil
}

// NeedEvents implements need.Store.
func (s *Store) NeedEvents(ctx context.Context, id int64) ([]need.Event, error) {
	rows, err := s.query(ctx, `SELECT id, need_id, from_state, to_state, by_id, by_name, reason, at
		FROM need_events WHERE need_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: need events: %w", err)
	}
	defer rows.Close()
	out := []need.Event{}
	for rows.Next() {
		var e need.Event
		if err := rows.Scan(&e.ID, &e.NeedID, &e.From, &e.To, &e.ByID, &e.ByName, &e.Reason, &e.At); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func prefixed(p *kovit.Problems, i int, err error) {
	for _, f := range kovit.FieldsOf(err) {
		p.Add(strconv.Itoa(i)+"."+f.Field, f.Key)
	}
}
