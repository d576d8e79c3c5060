package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/training"
)

// The training module (issue 14): trainings, role requirements and completions.

const trainingColumns = `id, title, provider, held_on, kind, valid_months, version, created_at, updated_at`

func scanTraining(row scanner) (training.Training, error) {
	var t training.Training
	err := row.Scan(&t.ID, &t.Title, &t.Provider, &t.HeldOn, &t.Kind, &t.ValidMonths, &t.Version, &t.CreatedAt, &t.UpdatedAt)
	return t, err
}

// Trainings implements training.Store, latest first.
func (s *Store) Trainings(ctx context.Context) ([]training.Training, error) {
	return trainingsFrom(ctx, s)
}

func trainingsFrom(ctx context.Context, q querier) ([]training.Training, error) {
	rows, err := q.query(ctx, `SELECT `+trainingColumns+` FROM trainings ORDER BY held_on DESC, id DESC`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: trainings: %w", err)
	}
	defer rows.Close()
	out := []training.Training{}
	for rows.Next() {
		t, err := scanTraining(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Training implements training.Store.
func (s *Store) Training(ctx context.Context, id int64) (training.Training, error) {
	return trainingFrom(ctx, s, id)
}

func trainingFrom(ctx context.Context, q querier, id int64) (training.Training, error) {
	t, err := scanTraining(q.queryRow(ctx, `SELECT `+trainingColumns+` FROM trainings WHERE id = ?`, id))
	return t, notFound(err)
}

// CreateTraining implements training.Store.
func (s *Store) CreateTraining(ctx context.Context, t training.Training) (training.Training, error) {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return t, err
	}
	var out training.Training
	err := s.transact(ctx, func(tx *tx) error {
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO trainings (title, provider, held_on, kind, valid_months, version, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, t.Title, t.Provider, t.HeldOn, t.Kind, t.ValidMonths, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert training: %w", err)
		}
		if out, err = trainingFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindTraining, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// UpdateTraining implements training.Store. A changed validity recomputes the expiry of
// every completion of the training in the same transaction, so no page reads a stale one.
func (s *Store) UpdateTraining(ctx context.Context, t training.Training) (training.Training, error) {
	t.Normalize()
	if err := t.Validate(); err != nil {
		return t, err
	}
	var after training.Training
	err := s.transact(ctx, func(tx *tx) error {
		before, err := trainingFrom(ctx, tx, t.ID)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE trainings SET title = ?, provider = ?, held_on = ?, kind = ?, valid_months = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, t.Title, t.Provider, t.HeldOn, t.Kind, t.ValidMonths,
			s.now(), t.ID, t.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update training: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = trainingFrom(ctx, tx, t.ID); err != nil {
			return err
		}
		if before.ValidMonths != after.ValidMonths {
			if err := tx.reexpire(ctx, after); err != nil {
				return err
			}
		}
		return tx.record(ctx, audit.KindTraining, strconv.FormatInt(t.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// reexpire recomputes the expiry of t's completions, named and counted: one update per
// completion day.
func (t *tx) reexpire(ctx context.Context, tr training.Training) error {
	rows, err := t.query(ctx, `SELECT completed_on FROM training_records WHERE training_id = ?
		UNION SELECT completed_on FROM training_counts WHERE training_id = ?`, tr.ID, tr.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: training completions: %w", err)
	}
	var days []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			rows.Close()
			return err
		}
		days = append(days, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range days {
		for _, table := range []string{"training_records", "training_counts"} {
			if _, err := t.exec(ctx, `UPDATE `+table+` SET expires_on = ? WHERE training_id = ? AND completed_on = ?`,
				training.Expiry(d, tr.ValidMonths), tr.ID, d); err != nil {
				return fmt.Errorf("sqlstore: expiry: %w", err)
			}
		}
	}
	return nil
}

// TrainingRequirements implements training.Store, by role.
func (s *Store) TrainingRequirements(ctx context.Context) ([]training.Requirement, error) {
	return requirementsFrom(ctx, s, `SELECT id, role, training_id, version FROM training_requirements ORDER BY role, training_id`)
}

func requirementsFrom(ctx context.Context, q querier, query string, args ...any) ([]training.Requirement, error) {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: training requirements: %w", err)
	}
	defer rows.Close()
	out := []training.Requirement{}
	for rows.Next() {
		var r training.Requirement
		if err := rows.Scan(&r.ID, &r.Role, &r.TrainingID, &r.Version); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// CreateTrainingRequirement implements training.Store; a role requires a training once.
func (s *Store) CreateTrainingRequirement(ctx context.Context, r training.Requirement) (training.Requirement, error) {
	err := s.transact(ctx, func(tx *tx) error {
		trainings, err := trainingsFrom(ctx, tx)
		if err != nil {
			return err
		}
		if err := r.Validate(trainings); err != nil {
			return err
		}
		same, err := requirementsFrom(ctx, tx, `SELECT id, role, training_id, version FROM training_requirements
			WHERE role = ? AND training_id = ?`, r.Role, r.TrainingID)
		if err != nil {
			return err
		}
		if len(same) > 0 {
			var p kovit.Problems
			p.Add("training_id", "training.error.duplicate")
			return p.Err()
		}
		id, err := tx.insert(ctx, `INSERT INTO training_requirements (role, training_id, version) VALUES (?, ?, 1)`, r.Role, r.TrainingID)
		if err != nil {
			return fmt.Errorf("sqlstore: insert training requirement: %w", err)
		}
		r.ID, r.Version = id, 1
		return tx.record(ctx, audit.KindTrainingRequirement, strconv.FormatInt(id, 10), audit.Create, nil, r)
	})
	return r, err
}

// DeleteTrainingRequirement implements training.Store.
func (s *Store) DeleteTrainingRequirement(ctx context.Context, id int64) error {
	return s.transact(ctx, func(tx *tx) error {
		before, err := requirementsFrom(ctx, tx, `SELECT id, role, training_id, version FROM training_requirements WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if len(before) == 0 {
			return kovit.NotFound()
		}
		if _, err := tx.exec(ctx, `DELETE FROM training_requirements WHERE id = ?`, id); err != nil {
			return fmt.Errorf("sqlstore: delete training requirement: %w", err)
		}
		return tx.record(ctx, audit.KindTrainingRequirement, strconv.FormatInt(id, 10), audit.Delete, before[0], nil)
	})
}

const trainingRecordColumns = `id, municipality_ehak, person, role, training_id, completed_on, expires_on, version, created_at`

func recordsFrom(ctx context.Context, q querier, where string, args ...any) ([]training.Record, error) {
	rows, err := q.query(ctx, `SELECT `+trainingRecordColumns+` FROM training_records `+where+
		` ORDER BY municipality_ehak, person, completed_on DESC, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: training records: %w", err)
	}
	defer rows.Close()
	out := []training.Record{}
	for rows.Next() {
		var r training.Record
		if err := rows.Scan(&r.ID, &r.MunicipalityEHAK, &r.Person, &r.Role, &r.TrainingID, &r.CompletedOn, &r.ExpiresOn,
			&r.Version, &r.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// TrainingRecords implements training.Store.
func (s *Store) TrainingRecords(ctx context.Context, ehak string) ([]training.Record, error) {
	if ehak == "" {
		return recordsFrom(ctx, s, "")
	}
	return recordsFrom(ctx, s, `WHERE municipality_ehak = ?`, ehak)
}

// CreateTrainingRecord implements training.Store; the expiry comes from the training.
func (s *Store) CreateTrainingRecord(ctx context.Context, r training.Record) (training.Record, error) {
	return createCompletion(ctx, s, recordTable, r)
}

// DeleteTrainingRecord implements training.Store.
func (s *Store) DeleteTrainingRecord(ctx context.Context, ehak string, id int64) error {
	return s.transact(ctx, func(tx *tx) error {
		return deleteOfMunicipality(ctx, tx, "training_records", audit.KindTrainingRecord, ehak, id, recordsFrom)
	})
}

// deleteOfMunicipality deletes row id of table, a record of municipality ehak that read
// gives back (not found when it is another municipality's), and audits it: named and
// counted training completions are removed alike.
func deleteOfMunicipality[T any](ctx context.Context, tx *tx, table string, kind recordKind, ehak string, id int64,
	read func(context.Context, querier, string, ...any) ([]T, error)) error {
	before, err := read(ctx, tx, `WHERE id = ? AND municipality_ehak = ?`, id, ehak)
	if err != nil {
		return err
	}
	if len(before) == 0 {
		return kovit.NotFound()
	}
	if _, err := tx.exec(ctx, `DELETE FROM `+table+` WHERE id = ?`, id); err != nil {
		return fmt.Errorf("sqlstore: delete from %s: %w", table, err)
	}
	return tx.record(ctx, kind, strconv.FormatInt(id, 10), audit.Delete, before[0], nil)
}
