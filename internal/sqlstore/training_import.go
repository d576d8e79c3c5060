package sqlstore

import (
	"context"

	"kovit/internal/training"
)

// ImportAttendance implements training.Store: an attendance sheet's named and counted
// completions of municipality ehak, all saved in one transaction or none, each checked as
// one entered by hand and each with its audit entry.
func (s *Store) ImportAttendance(ctx context.Context, ehak string, a training.Attendance) (training.Attendance, error) {
	var out training.Attendance
	err := s.transact(ctx, func(tx *tx) error {
		if err := municipalityExists(ctx, tx, ehak); err != nil {
			return err
		}
		trainings, err := trainingsFrom(ctx, tx)
		if err != nil {
			return err
		}
		today, now := training.Day(s.now()), s.now()
		if out.Records, err = importCompletions(ctx, tx, recordTable, a.Records, ehak, trainings, today, now); err != nil {
			return err
		}
		out.Counts, err = importCompletions(ctx, tx, countTable, a.Counts, ehak, trainings, today, now)
		return err
	})
	if err != nil {
		return training.Attendance{}, err
	}
	return out, nil
}
