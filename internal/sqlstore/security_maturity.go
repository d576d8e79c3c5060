package sqlstore

import (
	"context"
	"fmt"
	"slices"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/security"
)

// LoadMaturityCriteria implements security.Store: the first version, at start, when
// there are no criteria yet; the coordinators' edits are never overwritten.
func (s *Store) LoadMaturityCriteria(ctx context.Context, cs []security.MaturityCriterion) error {
	return s.transact(ctx, func(tx *tx) error {
		args := make([]any, 0, 6*len(cs))
		for _, c := range cs {
			args = append(args, c.Area, c.Level, c.Code, c.TextEt, c.TextEn, c.Position)
		}
		_, err := tx.execRows(ctx, `INSERT INTO security_maturity_criteria (area, level, code, text_et, text_en, position) VALUES`, 6, args,
			`ON CONFLICT (code) DO NOTHING`)
		return err
	})
}

// MaturityCriteria implements security.Store, by area, level and position.
func (s *Store) MaturityCriteria(ctx context.Context) ([]security.MaturityCriterion, error) {
	return maturityCriteria(ctx, s)
}

func maturityCriteria(ctx context.Context, q querier) ([]security.MaturityCriterion, error) {
	rows, err := q.query(ctx, `SELECT id, area, level, code, text_et, text_en, position FROM security_maturity_criteria
		ORDER BY area, level, position, id`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: maturity criteria: %w", err)
	}
	defer rows.Close()
	out := []security.MaturityCriterion{}
	for rows.Next() {
		var c security.MaturityCriterion
		if err := rows.Scan(&c.ID, &c.Area, &c.Level, &c.Code, &c.TextEt, &c.TextEn, &c.Position); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// UpdateMaturityCriterion implements security.Store: a criterion's texts.
func (s *Store) UpdateMaturityCriterion(ctx context.Context, c security.MaturityCriterion) (security.MaturityCriterion, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	var after security.MaturityCriterion
	err := s.transact(ctx, func(tx *tx) error {
		all, err := maturityCriteria(ctx, tx)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(all, func(x security.MaturityCriterion) bool { return x.ID == c.ID })
		if i < 0 {
			return kovit.NotFound()
		}
		before := all[i]
		if _, err := tx.exec(ctx, `UPDATE security_maturity_criteria SET text_et = ?, text_en = ? WHERE id = ?`, c.TextEt, c.TextEn, c.ID); err != nil {
			return err
		}
		after = before
		after.TextEt, after.TextEn = c.TextEt, c.TextEn
		return tx.record(ctx, audit.KindMaturityCriterion, fmt.Sprint(c.ID), audit.Update, before, after)
	})
	return after, err
}

// MaturityMet implements security.Store.
func (s *Store) MaturityMet(ctx context.Context, roundID int64, ehak string) ([]int64, error) {
	return maturityMet(ctx, s, roundID, ehak)
}

func maturityMet(ctx context.Context, q querier, roundID int64, ehak string) ([]int64, error) {
	return int64sOf(ctx, q, "maturity", `SELECT criterion_id FROM security_maturity_met WHERE round_id = ? AND municipality_ehak = ?
		ORDER BY criterion_id`, roundID, ehak)
}

// SetMaturityMet implements security.Store: the criteria municipality ehak meets in the
// round, replacing what it said before, while the round takes answers.
func (s *Store) SetMaturityMet(ctx context.Context, roundID int64, ehak string, met []int64) ([]int64, error) {
	var after []int64
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := tx.writableRound(ctx, roundID); err != nil {
			return err
		}
		if err := tx.municipalityExists(ctx, ehak); err != nil {
			return err
		}
		criteria, err := maturityCriteria(ctx, tx)
		if err != nil {
			return err
		}
		if err := security.CheckMet(criteria, met); err != nil {
			return err
		}
		before, err := maturityMet(ctx, tx, roundID, ehak)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM security_maturity_met WHERE round_id = ? AND municipality_ehak = ?`, roundID, ehak); err != nil {
			return err
		}
		met = slices.Compact(slices.Sorted(slices.Values(met)))
		args := make([]any, 0, 3*len(met))
		for _, id := range met {
			args = append(args, roundID, ehak, id)
		}
		if _, err := tx.execRows(ctx, `INSERT INTO security_maturity_met (round_id, municipality_ehak, criterion_id) VALUES`, 3, args, ""); err != nil {
			return fmt.Errorf("sqlstore: maturity: %w", err)
		}
		after = met
		type state struct {
			Met []int64 `json:"met"`
		}
		return tx.record(ctx, audit.KindMaturityMet, fmt.Sprintf("%d/%s", roundID, ehak), audit.Update, state{before}, state{after})
	})
	return after, err
}
