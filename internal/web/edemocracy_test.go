package web

import (
	"kovit/internal/chart"
	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/survey"
)

// edemocracySamples are the e-democracy pages with sample data and a refused form.
func edemocracySamples(base Page) map[string]any {
	year, votes := 2025, 5120
	amount := kovit.Money(20_000_000)
	m := municipality.Municipality{EHAK: "0793", Name: "Tartu linn", Type: municipality.City}
	p := edemocracy.Practice{MunicipalityEHAK: "0793", CouncilSystem: "VOLIS", PublicModules: []string{"agendas", "votes"}, Streaming: true, BudgetYear: &year,
		BudgetAmount: &amount, BudgetVotes: &votes, Consultations: 3, Rahvaalgatus: true, OpenDataURL: "https://avaandmed.eesti.ee", Version: 1}
	var problems kovit.Problems
	problems.Add("public_modules", "edemocracy.error.module")
	return map[string]any{
		"edemocracy/list": edemocracyListPage{Page: base, Group: "type", Groupings: survey.Groupings,
			Summary: edemocracy.Summarize([]municipality.Municipality{m}, []edemocracy.Practice{p}, func(m municipality.Municipality) string { return string(m.Type) }),
			Rows:    []practiceRow{{M: m, P: p}, {M: municipality.Municipality{EHAK: "0784", Name: "Tallinn"}}}},
		"edemocracy/show": edemocracyPage{Page: base, M: m, P: p, CanEdit: true, Modules: edemocracy.Modules, Form: form{Problems: problems}},
		"edemocracy/map": func() edemocracyMapPage {
			mp := edemocracyMapPage{Page: base, Measures: edemocracy.Measures, Map: chart.NewMapper(nil, 100).Render(chart.MapOptions{Title: "map"})}
			class, value := mp.practiceClass(p)
			mp.Rows, mp.Legend = []practiceMapRow{{M: m, Class: class, Value: value}}, mp.legend()
			return mp
		}(),
	}
}
