package api_test

import (
	"testing"

	"kovit/internal/api"
	"kovit/internal/training"
)

// TestOpenAPITrainingCountsSchemas: the schemas of training counted without names list
// exactly the JSON fields of their Go types.
func TestOpenAPITrainingCountsSchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{"TrainingRoleCount": training.RoleCount{}, "TrainingGroupCounts": training.GroupCounts{},
		"TrainingMunicipalityCounts": training.MunicipalityCounts{}, "TrainingCounts": api.TrainingCoverage{}, "ModuleSystems": api.ModuleSystems{}})
}
