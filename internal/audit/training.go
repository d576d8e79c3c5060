package audit

// Training and awareness (issue 14).
const (
	KindTraining            = "training"
	KindTrainingRequirement = "training_requirement"
	KindTrainingRecord      = "training_record"
)

// KindTrainingCount is a municipality's counted completions of a training: no names.
const KindTrainingCount = "training_count"
