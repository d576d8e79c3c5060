package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/audit"
	"kovit/internal/training"
)

// Counted completions of the training module (issue 14): how many people, no names.

const trainingCountColumns = `id, municipality_ehak, role, training_id, completed_on, expires_on, people, version, created_at`

func countsFrom(ctx context.Context, q querier, where string, args ...any) ([]training.Count, error) {
	rows, err := q.query(ctx, `SELECT `+trainingCountColumns+` FROM training_counts `+where+
		` ORDER BY municipality_ehak, completed_on DESC, id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: training counts: %w", err)
	}
	defer rows.Close()
	out := []training.Count{}
	for rows.Next() {
		var c training.Count
		if err := rows.Scan(&c.ID, &c.MunicipalityEHAK, &c.Role, &c.TrainingID, &c.CompletedOn, &c.ExpiresOn, &c.People,
			&c.Version, &c.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// TrainingCounts implements training.Store.
func (s *Store) TrainingCounts(ctx context.Context, ehak string) ([]training.Count, error) {
	if ehak == "" {
		return countsFrom(ctx, s, "")
	}
	return countsFrom(ctx, s, `WHERE municipality_ehak = ?`, ehak)
}

// CreateTrainingCount implements training.Store; the expiry comes from the training.
func (s *Store) CreateTrainingCount(ctx context.Context, c training.Count) (training.Count, error) {
	return createCompletion(ctx, s, countTable, c)
}

// DeleteTrainingCount implements training.Store.
func (s *Store) DeleteTrainingCount(ctx context.Context, ehak string, id int64) error {
	return s.transact(ctx, func(tx *tx) error {
		return deleteOfMunicipality(ctx, tx, "training_counts", audit.KindTrainingCount, ehak, id, countsFrom)
	})
}
