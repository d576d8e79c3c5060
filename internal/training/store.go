package training

import "context"

// Store is what the training module needs from storage; sqlstore implements it. Reading
// a municipality's records is not guarded here: the surfaces ask internal/auth first
// (CanReadTrainingRecords), as names of staff are the municipality's own.
type Store interface {
	Trainings(ctx context.Context) ([]Training, error)
	Training(ctx context.Context, id int64) (Training, error)
	CreateTraining(ctx context.Context, t Training) (Training, error)
	// UpdateTraining changes a training; a changed validity recomputes its records' expiry.
	UpdateTraining(ctx context.Context, t Training) (Training, error)

	TrainingRequirements(ctx context.Context) ([]Requirement, error)
	CreateTrainingRequirement(ctx context.Context, r Requirement) (Requirement, error)
	DeleteTrainingRequirement(ctx context.Context, id int64) error

	// TrainingRecords are municipality ehak's completions, or every municipality's for "".
	TrainingRecords(ctx context.Context, ehak string) ([]Record, error)
	CreateTrainingRecord(ctx context.Context, r Record) (Record, error)
	// ImportAttendance saves an attendance sheet's completions of municipality ehak, named
	// and counted, all or none.
	ImportAttendance(ctx context.Context, ehak string, a Attendance) (Attendance, error)
	// DeleteTrainingRecord removes a completion of municipality ehak; one of another
	// municipality is not found.
	DeleteTrainingRecord(ctx context.Context, ehak string, id int64) error

	// TrainingCounts are municipality ehak's counted completions, or every one's for "".
	TrainingCounts(ctx context.Context, ehak string) ([]Count, error)
	CreateTrainingCount(ctx context.Context, c Count) (Count, error)
	// DeleteTrainingCount removes a counted completion of municipality ehak; one of
	// another municipality is not found.
	DeleteTrainingCount(ctx context.Context, ehak string, id int64) error
}

// RecordsWithCounted is municipality ehak's (every one's for "") named records followed
// by its counted people (Expand): what counts and coverage are computed from.
func RecordsWithCounted(ctx context.Context, s Store, ehak string) ([]Record, error) {
	records, err := s.TrainingRecords(ctx, ehak)
	if err != nil {
		return nil, err
	}
	counts, err := s.TrainingCounts(ctx, ehak)
	if err != nil {
		return nil, err
	}
	return WithCounted(records, counts), nil
}
