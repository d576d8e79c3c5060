package api_test

import (
	"testing"

	"kovit/internal/api"
	"kovit/internal/security"
)

// The security module's schemas are its Go types' JSON fields, exactly.
func TestOpenAPISecuritySchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{
		"SecurityRound":      security.Round{},
		"Spread":             security.Spread{},
		"SecurityAggregates": api.Aggregates{},
		"EITSModule":         security.Module{},
		"EITSMeasure":        security.Measure{},
		"EITSCatalogue":      api.Catalogue{},
		"EITSImportResult":   security.ImportResult{},
		"Answer":             security.Answer{},
		"Assessment":         security.Assessment{},
		"AssessmentReport":   api.AssessmentReport{},
		"ModuleFigure":       security.ModuleFigure{},
		"AssessmentFigures":  security.Figures{},
		"MeasureView":        security.MeasureView{},
		"ModuleView":         security.ModuleView{},
		"AssessmentView":     security.View{},
		"MaturityCriterion":  security.MaturityCriterion{},
		"CriterionText":      api.CriterionText{},
		"AreaLevel":          security.AreaLevel{},
		"Maturity":           api.Maturity{},
		"MaturityInput":      api.MaturityInput{},
	})
}
