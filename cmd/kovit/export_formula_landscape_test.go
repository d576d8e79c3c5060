package main

import (
	"context"
	"testing"

	"kovit/internal/landscape"
)

// landscapeFormulaExports writes formula-like text into what the landscape's CSV exports
// show (a solution's name, a row's owner, the municipality's contact in an advisory) and
// returns their cases for TestCSVExportsHoldNoFormulas.
func landscapeFormulaExports(t *testing.T, a *testApp, ctx context.Context) map[string]string {
	t.Helper()
	sol, err := a.store.CreateSolution(ctx, landscape.Solution{Name: "=" + evilText, Kind: landscape.KindOwn, State: landscape.Accepted})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0793", SolutionID: sol.ID, BusinessOwner: "+" + evilText}); err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"GET /solutions.csv":                       "/solutions.csv",
		"GET /municipalities/{ehak}/landscape.csv": "/municipalities/0793/landscape.csv",
		"GET /advisories.csv":                      "/advisories.csv?solution=" + itoa(sol.ID),
	}
}

// landscapeFixture gives the pages of one row, advisory and practice something at id 1,
// for TestEveryPageAnswersForAdmin: Tartu's row of the first seeded solution (VOLIS), an
// advisory about it, and a published practice.
func landscapeFixture(t *testing.T, a *testApp) {
	t.Helper()
	ctx := context.Background()
	if _, err := a.store.CreateRow(ctx, landscape.Row{MunicipalityEHAK: "0793", SolutionID: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.SendAdvisory(ctx, landscape.Advisory{Query: landscape.AdvisoryQuery{SolutionID: 1}, Title: "Uuendage"}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.CreatePractice(ctx, landscape.Practice{Title: "Praktika", Summary: "Kokkuvõte", Municipalities: []string{"0793"},
		Status: landscape.PracticePublished}); err != nil {
		t.Fatal(err)
	}
}
