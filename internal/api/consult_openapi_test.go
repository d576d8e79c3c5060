package api_test

import (
	"testing"

	"kovit/internal/api"
	"kovit/internal/consult"
	"kovit/internal/edemocracy"
	surveys "kovit/internal/survey"
	"kovit/internal/training"
)

// TestOpenAPIConsultationSchemas: the consultation schemas list exactly the JSON fields of
// their Go types.
func TestOpenAPIConsultationSchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{
		"Consultation":       consult.Consultation{},
		"DocSection":         consult.Section{},
		"DocVersion":         consult.DocVersion{},
		"ConsultationDetail": api.ConsultationDetail{},
		"NewConsultation":    api.NewConsultation{},
		"NewDocVersion":      api.NewDocVersion{},
		"ConsultationMove":   consult.Move{},
		"StrategyItem":       consult.Item{},
		"Comment":            consult.Comment{},
		"NewComment":         api.NewComment{},
		"Moderation":         consult.Moderation{},
		"ConsultDisposition": consult.Disposition{},
		"DiffSpan":           consult.Span{},
		"SectionDiff":        consult.SectionDiff{},
		"ConsultationDiff":   api.DiffAnswer{},
	})
}

// TestOpenAPISurveySchemas: the survey schemas list exactly the JSON fields of their Go types.
func TestOpenAPISurveySchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{
		"SurveyCondition": surveys.Condition{},
		"SurveyQuestion":  surveys.Question{},
		"Survey":          surveys.Survey{},
		"SurveyBoardRow":  surveys.BoardRow{},
		"SurveyBoard":     surveys.Board{},
		"SurveyDetail":    api.SurveyDetail{},
		"SurveyAnswer":    surveys.Answer{},
		"SurveyResponse":  surveys.Response{},
		"ResponseInput":   api.ResponseInput{},
		"GroupResult":     surveys.GroupResult{},
		"SurveyResult":    surveys.Result{},
		"SurveyResults":   api.SurveyResults{},
	})
}

// TestOpenAPIPracticeSchemas: the e-democracy practice schemas list exactly the JSON fields
// of their Go types.
func TestOpenAPIPracticeSchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{"EDemocracyPractice": edemocracy.Practice{}, "PracticeSummary": edemocracy.Summary{}, "PracticeList": api.PracticeList{}})
}

func TestOpenAPITrainingSchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{"Training": training.Training{}, "TrainingRequirement": training.Requirement{}, "TrainingRecord": training.Record{},
		"TrainingGap": training.Gap{}, "TrainingCoverage": training.Coverage{}, "TrainingGaps": api.TrainingGaps{}})
}
