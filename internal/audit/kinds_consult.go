package audit

// The kinds of record of consultations (issue 16).
const (
	KindConsultation        = "consultation"
	KindConsultationVersion = "consultation_version"
	KindConsultationComment = "consultation_comment"
)
