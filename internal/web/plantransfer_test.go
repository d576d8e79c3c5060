package web

import (
	"time"

	"kovit/internal/plan"
)

// Sample data for the export/import and attention templates, used by TestEveryTemplateRenders.

func planTransferSamples(base Page) map[string]any {
	pp := planPage{base}
	s := sampleTree().Strategy
	since := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	items := []plan.AttentionItem{
		{Kind: plan.OverdueParticipant, StrategyID: 1, StrategyTitleEn: "Plan", ActivityID: 2, ActivityCode: "1.1", ActivityTitleEt: "Ühine", MunicipalityEHAK: "0793", Since: since, Days: 24},
		{Kind: plan.OverdueTask, StrategyID: 1, StrategyTitleEt: "Kava", ActivityID: 2, ActivityCode: "1.1", ActivityTitleEt: "Ühine", TaskID: 1, TaskTitleEt: "Ülesanne", Since: since, Days: 1},
		{Kind: plan.StaleActivity, StrategyID: 1, StrategyTitleEt: "Kava", ActivityID: 3, ActivityCode: "1.2", ActivityTitleEn: "Only English", Since: since, Days: 120},
	}
	return map[string]any{
		"plan/import": planImportPage{planPage: pp, S: s, Columns: plan.Columns, Done: true, Result: plan.ImportResult{Created: 1, Updated: 2, Unchanged: 3},
			Problems: []importProblem{{Row: 0, Message: "fail"}, {Row: 3, Column: "staatus", Message: "vigane"}}},
		"plan/attention": attentionPage{planPage: pp, Groups: groupAttention(items), Total: len(items), Strategies: []plan.Strategy{s},
			Strategy: 1, Names: map[string]string{"0793": "Tartu linn"}},
	}
}
