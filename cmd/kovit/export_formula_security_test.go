package main

import (
	"context"
	"testing"

	"kovit/internal/security"
)

// securityFormulaExports puts formula-like text into Tartu's answer of an open
// self-assessment round and names the round's CSV exports for TestCSVExportsHoldNoFormulas.
func securityFormulaExports(t *testing.T, a *testApp, ctx context.Context) map[string]string {
	t.Helper()
	rd, err := a.store.CreateSecurityRound(ctx, security.Round{Title: "E-ITS", Year: 2023,
		Deadline: "2099-01-01", CorrectionUntil: "2099-01-10", PublishOn: "2099-02-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.SaveSecurityAnswer(ctx, rd.ID, "0793", security.Answer{ModuleCode: "CON.3", Applies: true,
		Status: security.NotImplemented, Justification: "=" + evilText, Owner: "-" + evilText, Due: "2027-06-30"}); err != nil {
		t.Fatal(err)
	}
	round := "/security/rounds/" + itoa(rd.ID)
	return map[string]string{
		"GET /security/rounds/{id}/aggregates.csv":                       round + "/aggregates.csv",
		"GET /security/rounds/{id}/municipalities/{ehak}/assessment.csv": round + "/municipalities/0793/assessment.csv",
	}
}
