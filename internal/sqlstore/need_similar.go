package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// minSimilarity is the least score worth showing a coordinator.
const minSimilarity = 0.15

// Similar implements need.Store from the in-memory index of every need.
func (s *Store) Similar(ctx context.Context, id int64, limit int) ([]need.Suggestion, error) {
	c, err := s.needCopy(ctx)
	if err != nil {
		return nil, err
	}
	i, ok := c.byID[id]
	if !ok {
		return nil, kovit.NotFound()
	}
	dismissed, err := s.dismissedWith(ctx, id)
	if err != nil {
		return nil, err
	}
	self := c.needs[i]
	skip := func(other int64) bool {
		n := c.needs[c.byID[other]]
		sameGroup := self.ConsolidatedID != nil && n.ConsolidatedID != nil && *self.ConsolidatedID == *n.ConsolidatedID
		return dismissed[other] || sameGroup || n.State == need.Draft || n.State == need.Rejected || n.State == need.Duplicate
	}
	out := []need.Suggestion{}
	for _, m := range c.indexed().Similar(id, limit, minSimilarity, skip) {
		out = append(out, need.Suggestion{Need: copyNeed(c.needs[c.byID[m.ID]]), Score: m.Score})
	}
	return out, nil
}

func (s *Store) dismissedWith(ctx context.Context, id int64) (map[int64]bool, error) {
	rows, err := s.query(ctx, `SELECT need_b FROM need_dismissed WHERE need_a = ? UNION SELECT need_a FROM need_dismissed WHERE need_b = ?`, id, id)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: dismissed suggestions: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var other int64
		if err := rows.Scan(&other); err != nil {
			return nil, err
		}
		out[other] = true
	}
	return out, rows.Err()
}

// AcceptSuggestion implements need.Store.
func (s *Store) AcceptSuggestion(ctx context.Context, needID, otherID int64) (need.Consolidated, error) {
	if needID == otherID {
		return need.Consolidated{}, samePair()
	}
	var id int64
	err := s.transact(ctx, func(tx *tx) error {
		a, err := tx.need(ctx, needID)
		if err != nil {
			return err
		}
		b, err := tx.need(ctx, otherID)
		if err != nil {
			return notFoundAs(err, "other_id")
		}
		switch {
		case a.ConsolidatedID != nil && b.ConsolidatedID != nil && *a.ConsolidatedID != *b.ConsolidatedID:
			var p kovit.Problems
			p.Add("other_id", "need.error.already_consolidated")
			return p.Err()
		case a.ConsolidatedID != nil:
			id = *a.ConsolidatedID
		case b.ConsolidatedID != nil:
			id = *b.ConsolidatedID
		default:
			c := need.Consolidated{Title: a.Title, Description: a.Description, Category: a.Category}
			if id, err = tx.createConsolidated(ctx, c); err != nil {
				return err
			}
		}
		return tx.acceptInto(ctx, id, []int64{needID, otherID})
	})
	if err != nil {
		return need.Consolidated{}, err
	}
	return s.Consolidated(ctx, id)
}

// DismissSuggestion implements need.Store.
func (s *Store) DismissSuggestion(ctx context.Context, needID, otherID int64) error {
	if needID == otherID {
		return samePair()
	}
	a, b := min(needID, otherID), max(needID, otherID)
	return s.transact(ctx, func(tx *tx) error {
		if _, err := tx.need(ctx, needID); err != nil {
			return err
		}
		if _, err := tx.need(ctx, otherID); err != nil {
			return notFoundAs(err, "other_id")
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM need_dismissed WHERE need_a = ? AND need_b = ?`, a, b).Scan(&n); err != nil || n > 0 {
			return err // dismissing twice changes nothing
		}
		if _, err := tx.exec(ctx, `INSERT INTO need_dismissed (need_a, need_b) VALUES (?, ?)`, a, b); err != nil {
			return fmt.Errorf("sqlstore: dismiss suggestion: %w", err)
		}
		pair := map[string]int64{"need_id": a, "other_id": b}
		return tx.record(ctx, audit.KindNeedSuggestion, strconv.FormatInt(a, 10)+"/"+strconv.FormatInt(b, 10), audit.Create, nil, pair)
	})
}

func samePair() error {
	var p kovit.Problems
	p.Add("other_id", "need.error.same_need")
	return p.Err()
}

// notFoundAs turns a missing record named in the body into a problem of that field: the
// path's record exists, so the request as a whole is not "not found".
func notFoundAs(err error, field string) error {
	if kovit.ErrorCode(err) != kovit.ENotFound {
		return err
	}
	var p kovit.Problems
	p.Add(field, "need.error.unknown_need")
	return p.Err()
}
