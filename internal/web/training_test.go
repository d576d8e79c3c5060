package web

import (
	"kovit/internal/kovit"
	"kovit/internal/training"
)

// trainingSamples are the training pages' sample data for TestEveryTemplateRenders.
func trainingSamples(base Page) map[string]any {
	tp := trainingPage{Page: base, Trainings: []training.Training{{ID: 1, Title: "Küberhügieen", Provider: "RIA", HeldOn: "2026-02-01", Kind: training.ELearning, ValidMonths: 24},
		{ID: 2, Title: "Infoturbe juhtimine", Kind: training.Course}}, Titles: map[int64]string{1: "Küberhügieen", 2: "Infoturbe juhtimine"},
		Names: map[string]string{"0784": "Tallinn"}, Today: "2026-12-06"}
	var problems kovit.Problems
	problems.Add("title", "error.required")
	records := []training.Record{{ID: 1, MunicipalityEHAK: "0784", Person: "Mari Maasikas", Role: training.Employee, TrainingID: 1, CompletedOn: "2025-01-20", ExpiresOn: "2027-01-20"},
		{ID: 2, MunicipalityEHAK: "0784", Person: "Tiit Tamm", Role: training.SecurityCoordinator, TrainingID: 2, CompletedOn: "2025-01-20"}}
	reqs := []training.Requirement{{ID: 1, Role: training.Employee, TrainingID: 1}, {ID: 2, Role: training.SecurityCoordinator, TrainingID: 1}}
	return map[string]any{
		"training/list": trainingsPage{trainingPage: tp, Requirements: reqs, New: training.Training{Kind: training.Course}, Form: form{Problems: problems},
			ReqForm: form{Problems: kovit.Problems{{Field: "training_id", Key: "training.error.duplicate"}}, Prefix: "r-"}},
		"training/municipality": municipalityTrainingPage{trainingPage: tp, EHAK: "0784", Records: records, Gaps: training.Gaps(records, reqs, tp.Today),
			Expiring: training.Expiring(records, tp.Today, 60), Coverage: training.CoverageOf(records, reqs, tp.Today), Form: form{Problems: problems}},
		"training/gaps": allGapsPage{trainingPage: tp, Rows: []gapRow{{EHAK: "0784", Coverage: training.Coverage{People: 2, Covered: 1}, Gaps: 1}},
			Total: training.Coverage{Day: "2026-12-06", People: 2, Covered: 1}},
	}
}
