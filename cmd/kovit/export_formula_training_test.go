package main

import (
	"context"
	"testing"

	"kovit/internal/training"
)

// trainingFormulaExports gives Tartu a security coordinator, named in formula-like text,
// who lacks a required training whose title is formula-like too, and names the gap
// exports for TestCSVExportsHoldNoFormulas.
func trainingFormulaExports(t *testing.T, a *testApp, ctx context.Context) map[string]string {
	t.Helper()
	required, err := a.store.CreateTraining(ctx, training.Training{Title: "=" + evilText, Provider: "RIA", Kind: training.Course, ValidMonths: 12})
	if err != nil {
		t.Fatal(err)
	}
	held, err := a.store.CreateTraining(ctx, training.Training{Title: "Küberhügieen", Provider: "RIA", Kind: training.ELearning, ValidMonths: 24})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.CreateTrainingRequirement(ctx, training.Requirement{Role: training.SecurityCoordinator, TrainingID: required.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.CreateTrainingRecord(ctx, training.Record{MunicipalityEHAK: "0793", Person: "-" + evilText,
		Role: training.SecurityCoordinator, TrainingID: held.ID, CompletedOn: "2026-01-15"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.CreateTrainingCount(ctx, training.Count{MunicipalityEHAK: "0793", Role: training.SecurityCoordinator,
		TrainingID: required.ID, CompletedOn: "2026-01-15", People: 2}); err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"GET /municipalities/{ehak}/training-counts.csv":  "/municipalities/0793/training-counts.csv",
		"GET /trainings/gaps.csv":                         "/trainings/gaps.csv",
		"GET /municipalities/{ehak}/training-gaps.csv":    "/municipalities/0793/training-gaps.csv",
		"GET /municipalities/{ehak}/training-records.csv": "/municipalities/0793/training-records.csv",
		"GET /trainings/coverage.csv":                     "/trainings/coverage.csv",
	}
}
