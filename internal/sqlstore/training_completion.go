package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/training"
)

// A municipality's completions come in two kinds, named (training_records) and counted
// (training_counts), checked, stored and audited alike: one path inserts both, whether
// entered by hand or imported, so the two kinds cannot drift. Deletion is
// deleteOfMunicipality's.

// completionOf is what a completion does itself: compute its expiry from its training
// and check itself on a day.
type completionOf[T any] interface {
	*T
	Normalize(training.Training)
	Validate([]training.Training, string) error
}

// completionTable is how one kind of completion is stored.
type completionTable[T any] struct {
	kind   recordKind
	insert string // the INSERT, its values as values gives them
	values func(T, time.Time) []any
	// of is the completion's id, municipality and training; stored sets what the insert
	// gave it (id, version 1, creation time) and place its municipality.
	of     func(T) (id int64, ehak string, trainingID int64)
	stored func(*T, int64, time.Time)
	place  func(*T, string)
	read   func(context.Context, querier, string, ...any) ([]T, error)
}

var recordTable = completionTable[training.Record]{
	kind: audit.KindTrainingRecord,
	insert: `INSERT INTO training_records (municipality_ehak, person, role, training_id, completed_on, expires_on, version, created_at)
		VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
	values: func(r training.Record, now time.Time) []any {
		return []any{r.MunicipalityEHAK, r.Person, r.Role, r.TrainingID, r.CompletedOn, r.ExpiresOn, now}
	},
	of:     func(r training.Record) (int64, string, int64) { return r.ID, r.MunicipalityEHAK, r.TrainingID },
	stored: func(r *training.Record, id int64, now time.Time) { r.ID, r.Version, r.CreatedAt = id, 1, now },
	place:  func(r *training.Record, ehak string) { r.MunicipalityEHAK = ehak },
	read:   recordsFrom,
}

var countTable = completionTable[training.Count]{
	kind: audit.KindTrainingCount,
	insert: `INSERT INTO training_counts (municipality_ehak, role, training_id, completed_on, expires_on, people, version, created_at)
		VALUES (?, ?, ?, ?, ?, ?, 1, ?)`,
	values: func(c training.Count, now time.Time) []any {
		return []any{c.MunicipalityEHAK, c.Role, c.TrainingID, c.CompletedOn, c.ExpiresOn, c.People, now}
	},
	of:     func(c training.Count) (int64, string, int64) { return c.ID, c.MunicipalityEHAK, c.TrainingID },
	stored: func(c *training.Count, id int64, now time.Time) { c.ID, c.Version, c.CreatedAt = id, 1, now },
	place:  func(c *training.Count, ehak string) { c.MunicipalityEHAK = ehak },
	read:   countsFrom,
}

// createCompletion saves one completion entered by hand, of a municipality that exists,
// and audits it as it was stored.
func createCompletion[T any, P completionOf[T]](ctx context.Context, s *Store, tbl completionTable[T], v T) (T, error) {
	var out T
	err := s.transact(ctx, func(tx *tx) error {
		_, ehak, _ := tbl.of(v)
		if err := municipalityExists(ctx, tx, ehak); err != nil {
			return err
		}
		trainings, err := trainingsFrom(ctx, tx)
		if err != nil {
			return err
		}
		inserted, err := insertCompletions[T, P](ctx, tx, tbl, []T{v}, ehak, trainings, training.Day(s.now()), s.now())
		if err != nil {
			return err
		}
		id, _, _ := tbl.of(inserted[0])
		got, err := tbl.read(ctx, tx, `WHERE id = ?`, id)
		if err != nil {
			return err
		}
		out = got[0]
		return tx.record(ctx, tbl.kind, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// insertCompletions checks each of items against the trainings as of today, as
// completions of municipality ehak, and inserts it; the first refused one stops them
// all, for the caller's transaction to roll back. The caller audits them.
func insertCompletions[T any, P completionOf[T]](ctx context.Context, tx *tx, tbl completionTable[T], items []T, ehak string,
	trainings []training.Training, today string, now time.Time) ([]T, error) {
	byID := make(map[int64]training.Training, len(trainings))
	for _, t := range trainings {
		byID[t.ID] = t
	}
	out := make([]T, 0, len(items))
	for _, v := range items {
		tbl.place(&v, ehak)
		_, _, trainingID := tbl.of(v)
		P(&v).Normalize(byID[trainingID])
		if err := P(&v).Validate(trainings, today); err != nil {
			return nil, err
		}
		id, err := tx.insert(ctx, tbl.insert, tbl.values(v, now)...)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: insert %s: %w", tbl.kind, err)
		}
		tbl.stored(&v, id, now)
		out = append(out, v)
	}
	return out, nil
}

// importCompletions inserts an import's completions of one kind and audits each.
func importCompletions[T any, P completionOf[T]](ctx context.Context, tx *tx, tbl completionTable[T], items []T, ehak string,
	trainings []training.Training, today string, now time.Time) ([]T, error) {
	out, err := insertCompletions[T, P](ctx, tx, tbl, items, ehak, trainings, today, now)
	if err != nil {
		return nil, err
	}
	changes := make([]auditChange, 0, len(out))
	for _, v := range out {
		id, _, _ := tbl.of(v)
		changes = append(changes, auditChange{strconv.FormatInt(id, 10), audit.Create, nil, v})
	}
	return out, tx.recordMany(ctx, tbl.kind, changes)
}
