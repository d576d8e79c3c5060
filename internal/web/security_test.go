package web

import (
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/security"
	"kovit/internal/training"
)

// securitySamples are the security pages' sample data for TestEveryTemplateRenders.
func securitySamples(base Page) map[string]any {
	sp := securityPage{Page: base, Names: map[string]string{"0784": "Tallinn"}, Counties: map[string]string{"0037": "Harju maakond"}, Today: "2026-03-01"}
	round := security.Round{ID: 1, Year: 2023, Title: "E-ITS 2026", Deadline: "2026-03-31", CorrectionUntil: "2026-04-30", PublishOn: "2026-05-15", Version: 1}
	var problems kovit.Problems
	problems.Add("deadline", "error.date")
	modules := []security.Module{{Year: 2023, Group: "ISMS", Code: "ISMS", TitleEt: "Turbehaldus", Header: true},
		{Year: 2023, Group: "ISMS", Code: "ISMS.1", TitleEt: "Turbehaldus"}, {Year: 2023, Group: "ORP", Code: "ORP.3", TitleEt: "Koolitus"}}
	measures := []security.Measure{{Year: 2023, ID: "1", Code: "ISMS.1.M1", ModuleCode: "ISMS.1", Title: "Juhtkonna vastutus", Roles: []string{"Juhtkond"}, Tier: security.Basic}}
	answers := []security.Answer{{ID: 1, ModuleCode: "ISMS.1", Applies: true, Assignee: "Mari", Prefilled: true, Version: 1},
		{ID: 2, ModuleCode: "ISMS.1", MeasureCode: "ISMS.1.M1", Applies: true, Status: security.Implemented, Evidence: "https://x.ee", Version: 1},
		{ID: 3, ModuleCode: "ORP.3", ExcludedReason: "x", Version: 1}}
	a := security.Assessment{ID: 1, RoundID: 1, MunicipalityEHAK: "0784", TargetTier: security.Basic, Version: 1}
	v := security.ViewOf(round, &a, modules, measures, answers)
	ap := securityAssessmentPage{securityPage: sp, EHAK: "0784", V: v, Writable: true, Report: a, Form: form{Problems: problems}}
	mod := securityModulePage{securityAssessmentPage: ap, M: v.Modules[0], Refused: "ISMS.1.M1", Input: security.Answer{Applies: true, Status: security.Partly},
		OwnPlans: []plan.Strategy{{ID: 5, TitleEt: "Tallinna IT-kava"}}, Activities: map[int64]plan.Node{9: {ID: 9, Completion: 100}}}
	activity := int64(9)
	mod.M.Row = &security.Answer{ModuleCode: "ISMS.1", Applies: true, Status: security.NotImplemented, ActivityID: &activity, Version: 2}
	mod.Awareness = &training.Coverage{Day: "2026-03-31", People: 4, Covered: 3}
	mod.M.Measures[0].Answer = &security.Answer{ModuleCode: "ISMS.1", MeasureCode: "ISMS.1.M1", Applies: true, Status: security.NotImplemented, Version: 1}
	res := security.ImportResult{Added: 1}
	criteria := security.DefaultMaturityCriteria()
	for i := range criteria {
		criteria[i].ID = int64(i + 1)
	}
	maturity := securityMaturityPage{securityAssessmentPage: ap, Criteria: criteria, Met: map[int64]bool{1: true},
		Areas: security.MaturityOf(criteria, []int64{1})}
	return map[string]any{
		"security/maturity": maturity,
		"security/criteria": securityCriteriaPage{securityPage: sp, Criteria: criteria, Refused: 2, Form: form{Problems: problems}},
		"security/home":     securityHomePage{securityPage: sp, Rounds: []security.Round{round}, Years: []int{2023}, New: round, Form: form{Problems: problems}},
		"security/round": securityRoundView{securityPage: sp, R: round, Progress: []roundProgress{{EHAK: "0784", Started: true, Answers: 3, Prefilled: 1}},
			Edit: round, Form: form{Problems: problems}},
		"security/aggregates": securityAggregatesPage{securityPage: sp, R: round, Spreads: []security.Spread{{Group: "country", Count: 7, Median: 0.5},
			{Group: "type", Key: "vald", Count: 5}, {Group: "band", Key: "lt5000", Count: 5}, {Group: "county", Key: "0037", Count: 5}}},
		"security/assessment": ap,
		"security/module":     mod,
		"security/catalogue":  securityCataloguePage{securityPage: sp, Year: 2023, Years: []int{2023, 2024}, Rows: modules, Measures: map[string]int{"ISMS.1": 1}, Total: 1, Result: &res, Form: form{Problems: problems}},
	}
}
