package web

import (
	"time"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
)

// needSamples is sample data for the needs templates, used by TestEveryTemplateRenders.
func needSamples(base Page) map[string]any {
	np := needPage{Page: base, Names: map[string]string{"0793": "Tartu linn", "0171": "Elva vald"}}
	var problems kovit.Problems
	problems.Add("title", "error.required")
	problems.Add("category", "need.error.category")
	cost, round, cid, mid, act := kovit.Money(1200050), int64(1), int64(3), int64(4), int64(7)
	now := time.Now()
	n := need.Need{ID: 1, MunicipalityEHAK: "0793", RoundID: &round, Title: "Dokumendihaldussüsteemi uuendamine", Description: "Vana DHS",
		Category: need.CatRecords, ServiceCodes: []string{"SOC-001"}, Systems: "Amphora", Cost: &cost, Urgency: need.UrgencyHigh,
		Timeframe: "2027", ContactName: "Mari", ContactEmail: "mari@tartu.ee", State: need.Accepted, StateReason: "Sobib",
		DuplicateOf: &round, ConsolidatedID: &cid, Version: 3, CreatedAt: now}
	rd := need.Round{ID: 1, Title: "IT vajadused 2027", Deadline: "2026-12-08", Instructions: "Esitage", Open: true, Version: 1}
	m := need.Measure{ID: 4, Name: "Kohalike omavalitsuste digipööre", Funder: "EL", StartYear: 2026, EndYear: 2029, Budget: 100000000,
		MaxGrant: 5000000, CoFinancing: 15, OpensOn: "2026-01-01", ClosesOn: "2026-12-31", Status: need.MeasureOpen, Published: true, Version: 2,
		Eligibility: need.Eligibility{Types: []municipality.Type{municipality.City}, Categories: []need.Category{need.CatRecords}}}
	c := need.Consolidated{ID: 3, Title: "Ühine DHS", Description: "Kõigile", Category: need.CatRecords, BuildOnce: true, Published: true,
		StrategyFit: 4, MeasureID: &mid, Version: 2, Figures: need.Figures{NeedIDs: []int64{1, 2}, Cohort: []string{"0171", "0793"},
			Population: 110000, CostTotal: 2400100, CostMedian: 1200050, Urgency: 3, Endorsements: []string{"0793"}}}
	pr := need.Project{ID: 1, ConsolidatedID: 3, Name: "DHS hange", ActivityID: &act, Status: need.ProjectInProgress, Version: 1}
	ev := []need.Event{{ID: 1, NeedID: 1, To: need.Draft, ByName: "Mari", At: now}, {ID: 2, NeedID: 1, From: need.Draft, To: need.Submitted, ByName: "Mari", Reason: "valmis", At: now}}
	trace := need.Trace{Need: n, Events: ev, Repeats: []need.Need{{ID: 2, MunicipalityEHAK: "0171", Title: "Ühine DHS", State: need.Accepted}}, Consolidated: &c, Measure: &m, Project: &pr,
		Activity: &need.Activity{ID: 7, StrategyID: 1, Code: "1.1", Title: "DHS", Completion: 40}, Done: true}
	nf := needForm{In: n, Cost: "12000,50", Rounds: []need.Round{rd}, Municipalities: []municipality.Municipality{sampleTartu()},
		Form: form{Problems: problems, Message: "conflict"}}
	budget := need.BudgetOf(m, []need.Need{n, {ID: 2, MunicipalityEHAK: "0171", Cost: &cost}}, map[string]municipality.Municipality{
		"0793": sampleTartu(), "0171": {EHAK: "0171", Name: "Elva vald", Type: municipality.Rural, Population: 14000}})
	ranked := need.Rank([]need.Consolidated{c}, need.DefaultWeights())
	mf := measureForm{Edit: m, Budget: "1000000", MaxGrant: "50000", Form: form{Problems: problems}}
	mp := measurePage{needPage: np, M: m, Budget: budget, Trace: need.MeasureTrace{Measure: m, Consolidated: []need.Consolidated{c},
		Needs: []need.Need{n}, Municipalities: c.Figures.Cohort}, Ranked: ranked, measureForm: mf}
	return map[string]any{
		"need/list": needListPage{needPage: np, sortState: sortState{"/needs", nil, "cost", true}, Items: []need.Need{n}, Total: 1, Pager: newPager("/needs", nil, 60, 50, 0),
			Filter: need.Filter{MunicipalityEHAK: "0793", RoundID: 1, Category: need.CatRecords}, Rounds: []need.Round{rd},
			Municipalities: []municipality.Municipality{sampleTartu()}, CanCreate: true},
		"need/new": needFormPage{needPage: np, needForm: nf},
		"need/show": needShowPage{needPage: np, N: n, Trace: trace, RoundTitle: rd.Title, CanEdit: true, Edit: nf,
			Moves: []need.State{need.Funded, need.UnderReview}, Move: need.Transition{To: need.Funded, Reason: "x", DuplicateOf: &round, Version: 3},
			MoveForm: form{Problems: problems}, Targets: []need.Consolidated{c}, Suggestions: []need.Suggestion{{Need: n, Score: 0.734}}},
		"need/rounds": roundListPage{needPage: np, Rounds: []need.Round{rd, {ID: 2, Title: "Vana", Deadline: "2025-01-01"}}, New: rd, Form: form{Problems: problems}},
		"need/round": roundPage{needPage: np, D: need.Dashboard{Round: rd, Rows: []need.DashboardRow{{MunicipalityEHAK: "0793", Name: "Tartu linn", Submitted: 2, Drafts: new(int)},
			{MunicipalityEHAK: "0171", Name: "Elva vald"}}, Missing: []string{"0171"}}, CanRemind: true, Sent: 3, Submitters: 1,
			Edit: rd, Form: form{Problems: kovit.Problems{{Field: "instructions", Key: "error.too_long"}}, Message: "conflict"}},
		"need/consolidated_list": consolidatedListPage{needPage: np, Items: []need.Consolidated{c}, Candidates: []need.Need{n}, New: c,
			Chosen: map[int64]bool{1: true}, Form: form{Problems: problems}},
		"need/consolidated": consolidatedPage{needPage: np, C: c, Needs: []need.Need{n}, Measure: &m,
			Eligible: []eligibilityRow{{EHAK: "0171", Reasons: []string{"need.ineligible.type"}}, {EHAK: "0793", Eligible: true}},
			Measures: []need.Measure{m, {ID: 5, Name: "Muu", Eligibility: need.Eligibility{Categories: []need.Category{need.CatTraining}}}},
			Projects: []need.Project{pr}, Edit: c, Form: form{Problems: problems}, MapForm: form{Message: "conflict"},
			EndorseAs: []string{"0171"}, EndorseForm: form{Problems: problems}, NewProject: pr, ProjectForm: form{Problems: problems},
			Candidates: []need.Need{n}, CandidateQuery: "dokument", AllCategories: true, Chosen: map[int64]bool{1: true},
			LinkForm:   form{Problems: kovit.Problems{{Field: "need_id", Key: "needui.consolidated.choose_none"}}},
			Activities: []activityGroup{{Label: "Digiriik 2030", Options: []activityOption{{ID: 7, Label: "1.1 DHS"}, {ID: 8, Label: "1.2 Veeb"}}}}},
		"need/priorities": priorityPage{needPage: np, Ranked: ranked, Weights: need.DefaultWeights(), Criteria: need.Criteria, Form: form{Problems: problems}},
		"need/measures":   measureListPage{needPage: np, Items: []need.Measure{m}, measureForm: mf},
		"need/measure":    mp,
		"need/proposal":   mp,
		"need/import": needImportPage{needPage: np, Step: "map", Table: `{"header":["Pealkiri"]}`, Header: []string{"Pealkiri", "KOV"},
			Sample: [][]string{{"DHS", "Tartu linn"}, {"Veeb"}}, Mapping: []string{"title", ""}, Fields: []string{"title", "municipality_ehak"}, Preview: []need.Need{n},
			Errors: []importProblem{{Row: 2, Column: "KOV", Message: "vale"}, {Message: "fail"}}, Rounds: []need.Round{rd}, RoundID: 1},
	}
}
