package audit

// Training and awareness (issue 14).
const (
	KindTraining            = "training"
	KindTrainingRequirement = "training_requirement"
	KindTrainingRecord      = "training_record"
)
