package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/security"
)

// refreshShare computes an assessment's basic-tier share from its answers again, in the
// transaction that changed them, so the aggregates read one stored figure per
// municipality rather than every answer of the round.
func (t *tx) refreshShare(ctx context.Context, assessmentID int64, year int) error {
	modules, err := eitsModules(ctx, t, year)
	if err != nil {
		return err
	}
	measures, err := eitsMeasures(ctx, t, year)
	if err != nil {
		return err
	}
	answers, err := answersOf(ctx, t, assessmentID)
	if err != nil {
		return err
	}
	share := security.FiguresOf(modules, measures, answers).Share
	if _, err := t.exec(ctx, `UPDATE security_assessments SET share = ? WHERE id = ?`, share, assessmentID); err != nil {
		return fmt.Errorf("sqlstore: share: %w", err)
	}
	return nil
}

// refreshYearShares is refreshShare for every assessment in the rounds of a catalogue
// year, after its measures changed.
func (t *tx) refreshYearShares(ctx context.Context, year int) error {
	rows, err := t.query(ctx, `SELECT a.id FROM security_assessments a JOIN security_rounds r ON r.id = a.round_id WHERE r.year = ?`, year)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, id := range ids {
		if err := t.refreshShare(ctx, id, year); err != nil {
			return err
		}
	}
	return nil
}

// SecurityShares implements security.Store.
func (s *Store) SecurityShares(ctx context.Context, roundID int64) (map[string]float64, error) {
	rows, err := s.query(ctx, `SELECT a.municipality_ehak, a.share FROM security_assessments a
		WHERE a.round_id = ? AND EXISTS (SELECT 1 FROM security_answers x WHERE x.assessment_id = a.id)`, roundID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: shares: %w", err)
	}
	defer rows.Close()
	out := map[string]float64{}
	for rows.Next() {
		var ehak string
		var share float64
		if err := rows.Scan(&ehak, &share); err != nil {
			return nil, err
		}
		out[ehak] = share
	}
	return out, rows.Err()
}
