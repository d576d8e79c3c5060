package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/training"
)

// ImportTrainingRecords implements training.Store: an attendance sheet's records of
// municipality ehak, all saved in one transaction or none, each checked as one entered
// by hand and each with its audit entry.
func (s *Store) ImportTrainingRecords(ctx context.Context, ehak string, records []training.Record) ([]training.Record, error) {
	out := make([]training.Record, 0, len(records))
	err := s.transact(ctx, func(tx *tx) error {
		if err := municipalityExists(ctx, tx, ehak); err != nil {
			return err
		}
		trainings, err := trainingsFrom(ctx, tx)
		if err != nil {
			return err
		}
		byID := make(map[int64]training.Training, len(trainings))
		for _, t := range trainings {
			byID[t.ID] = t
		}
		today, now := training.Day(s.now()), s.now()
		changes := make([]auditChange, 0, len(records))
		for _, r := range records {
			r.MunicipalityEHAK = ehak
			r.Normalize(byID[r.TrainingID])
			if err := r.Validate(trainings, today); err != nil {
				return err
			}
			id, err := tx.insert(ctx, `INSERT INTO training_records (municipality_ehak, person, role, training_id, completed_on, expires_on, version, created_at)
				VALUES (?, ?, ?, ?, ?, ?, 1, ?)`, r.MunicipalityEHAK, r.Person, r.Role, r.TrainingID, r.CompletedOn, r.ExpiresOn, now)
			if err != nil {
				return fmt.Errorf("sqlstore: import training record: %w", err)
			}
			r.ID, r.Version, r.CreatedAt = id, 1, now
			out = append(out, r)
			changes = append(changes, auditChange{strconv.FormatInt(id, 10), audit.Create, nil, r})
		}
		return tx.recordMany(ctx, audit.KindTrainingRecord, changes)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
