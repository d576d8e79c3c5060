package api_test

import (
	"testing"

	"kovit/internal/training"
)

// TestOpenAPITrainingCountSchemas: the counted completions' schemas list exactly the JSON
// fields of their Go types.
func TestOpenAPITrainingCountSchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{"TrainingCount": training.Count{}, "TrainingCountGap": training.CountGap{}})
}
