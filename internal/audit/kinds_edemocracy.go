package audit

// The kinds of record of e-democracy (issue 16): consultations and surveys.
const (
	KindConsultation        = "consultation"
	KindConsultationVersion = "consultation_version"
	KindConsultationComment = "consultation_comment"
	KindSurvey              = "survey"
	KindSurveyResponse      = "survey_response"
)

// KindEDemocracy is a municipality's e-democracy practice, by its EHAK code.
const KindEDemocracy = "edemocracy_practice"
