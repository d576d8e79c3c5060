package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/training"
)

// ImportAttendance implements training.Store: an attendance sheet's named and counted
// completions of municipality ehak, all saved in one transaction or none, each checked as
// one entered by hand and each with its audit entry.
func (s *Store) ImportAttendance(ctx context.Context, ehak string, a training.Attendance) (training.Attendance, error) {
	out := training.Attendance{Records: make([]training.Record, 0, len(a.Records)), Counts: make([]training.Count, 0, len(a.Counts))}
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
		changes := make([]auditChange, 0, len(a.Records))
		for _, r := range a.Records {
			r.MunicipalityEHAK = ehak
			r, err := insertTrainingRecord(ctx, tx, r, byID[r.TrainingID], trainings, today, now)
			if err != nil {
				return err
			}
			out.Records = append(out.Records, r)
			changes = append(changes, auditChange{strconv.FormatInt(r.ID, 10), audit.Create, nil, r})
		}
		if err := tx.recordMany(ctx, audit.KindTrainingRecord, changes); err != nil {
			return err
		}
		changes = changes[:0]
		for _, c := range a.Counts {
			c.MunicipalityEHAK = ehak
			c, err := insertTrainingCount(ctx, tx, c, byID[c.TrainingID], trainings, today, now)
			if err != nil {
				return err
			}
			out.Counts = append(out.Counts, c)
			changes = append(changes, auditChange{strconv.FormatInt(c.ID, 10), audit.Create, nil, c})
		}
		return tx.recordMany(ctx, audit.KindTrainingCount, changes)
	})
	if err != nil {
		return training.Attendance{}, err
	}
	return out, nil
}

// insertTrainingCount checks a counted completion against the trainings (t is its own,
// whose validity gives the expiry) and inserts it; the caller audits it.
func insertTrainingCount(ctx context.Context, tx *tx, c training.Count, t training.Training, trainings []training.Training, today string,
	now time.Time) (training.Count, error) {
	c.Normalize(t)
	if err := c.Validate(trainings, today); err != nil {
		return c, err
	}
	id, err := tx.insert(ctx, `INSERT INTO training_counts (municipality_ehak, role, training_id, completed_on, expires_on, people, version, created_at)
		VALUES (?, ?, ?, ?, ?, ?, 1, ?)`, c.MunicipalityEHAK, c.Role, c.TrainingID, c.CompletedOn, c.ExpiresOn, c.People, now)
	if err != nil {
		return c, fmt.Errorf("sqlstore: insert training count: %w", err)
	}
	c.ID, c.Version, c.CreatedAt = id, 1, now
	return c, nil
}

// insertTrainingRecord checks a named completion against the trainings (t is its own,
// whose validity gives the expiry) and inserts it; the caller audits it.
func insertTrainingRecord(ctx context.Context, tx *tx, r training.Record, t training.Training, trainings []training.Training, today string,
	now time.Time) (training.Record, error) {
	r.Normalize(t)
	if err := r.Validate(trainings, today); err != nil {
		return r, err
	}
	id, err := tx.insert(ctx, `INSERT INTO training_records (municipality_ehak, person, role, training_id, completed_on, expires_on, version, created_at)
		VALUES (?, ?, ?, ?, ?, ?, 1, ?)`, r.MunicipalityEHAK, r.Person, r.Role, r.TrainingID, r.CompletedOn, r.ExpiresOn, now)
	if err != nil {
		return r, fmt.Errorf("sqlstore: insert training record: %w", err)
	}
	r.ID, r.Version, r.CreatedAt = id, 1, now
	return r, nil
}
