package web

import (
	"time"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// Sample data for the progress-update and report templates, used by
// TestEveryTemplateRenders.

func sampleUpdates(problems kovit.Problems) updatesView {
	author := int64(1)
	day := time.Date(2026, 6, 15, 0, 0, 0, 0, time.UTC)
	up := plan.ProgressUpdate{ID: 4, ActivityID: 2, Body: "Hange on välja kuulutatud.\nPakkumised 1. juuliks.", Date: day,
		AuthorID: &author, AuthorName: "Mari", Version: 2, CreatedAt: day, UpdatedAt: day}
	return updatesView{Updates: []updateRow{{U: up, In: up, CanEdit: true}, {U: up, In: up}}, CanPost: true,
		NewUpdate: plan.ProgressUpdate{Date: day}, UpdateForm: form{Problems: problems, Message: "conflict"}, EditingID: 4}
}

func sampleSnapshot() plan.Snapshot {
	t := sampleTree()
	one := 1.0
	t.Indicators = []plan.Indicator{{ID: 1, NameEt: "Osakaal", Unit: "%", Breakdown: plan.Share,
		Baseline: &plan.Point{Value: 10, Date: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)},
		Targets:  []plan.Point{{Value: 80, Date: time.Date(2030, 12, 31, 0, 0, 0, 0, time.UTC)}}}}
	ms := []plan.Measurement{{IndicatorID: 1, MunicipalityEHAK: "0793", Value: one, Date: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}}
	return plan.Freeze(plan.FreezeInput{Tree: t, Measurements: ms, Organisations: []plan.Organisation{{ID: 1, NameEt: "ELVL"}},
		Municipalities: map[string]string{"0793": "Tartu linn"}, Until: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC),
		At: time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)})
}

func reportSamples(base Page) map[string]any {
	pp := planPage{base}
	s := sampleTree().Strategy
	state := sampleSnapshot()
	done := time.Date(2027, 1, 10, 12, 0, 0, 0, time.UTC)
	open := plan.Report{ID: 2, StrategyID: 1, TitleEt: "2027. aasta aruanne", PeriodStart: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		PeriodEnd: time.Date(2027, 12, 31, 0, 0, 0, 0, time.UTC), Status: plan.ReportOpen, Version: 1}
	complete := plan.Report{ID: 1, StrategyID: 1, TitleEt: "2026. aasta aruanne", TitleEn: "Report for 2026",
		PeriodStart: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC),
		Status: plan.ReportComplete, Frozen: &state, CompletedAt: &done, CompletedBy: "Kati", Version: 2}
	var problems kovit.Problems
	problems.Add("period_end", "error.until_before_since")
	parts := map[int64][]plan.ParticipantState{}
	for _, pt := range state.Participants {
		parts[pt.ActivityID] = append(parts[pt.ActivityID], pt)
	}
	later := sampleTree()
	later.Nodes[1].Status = plan.Done
	later.Nodes = later.Nodes[:2]
	later.Participants[1].Completion = 50
	c := plan.Compare(state, plan.Freeze(plan.FreezeInput{Tree: later}))
	return map[string]any{
		"plan/reports": planReportsPage{planPage: pp, S: s, Reports: []plan.Report{open, complete}, CanManage: true, New: open,
			Form: form{Problems: problems}},
		"plan/report": planReportPage{planPage: pp, S: s, R: open, State: state, Parts: parts, Others: []plan.Report{complete},
			CanManage: true},
		"plan/compare": planComparePage{planPage: pp, S: s, From: complete, To: open, FromStates: state.Statuses,
			ToStates: state.Statuses, C: c},
	}
}
