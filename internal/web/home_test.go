package web

import (
	"time"

	"kovit/internal/chart"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// homeSample fills every block of the home page, for the test that renders every page.
func homeSample(base Page) homePage {
	month := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	return homePage{planPage: planPage{base}, Stats: municipality.Stats{Municipalities: 79, Cities: 15, Counties: 15, Population: 1365884},
		Spread: homeSpread{Filled: 10, Now: eservice.MonthShare{Share: 0.52, Reached: 52, Of: 100},
			History: []eservice.MonthShare{{Month: month.AddDate(0, -1, 0), Share: 0.5, Reached: 50, Of: 100}, {Month: month, Share: 0.52, Reached: 52, Of: 100}},
			Spark:   chart.Sparkline(chart.Spark{Title: "x", Values: []float64{0.5, 0.52}})},
		Strategy: &homeStrategy{S: plan.Strategy{ID: 1, TitleEt: "Tegevuskava", StartYear: 2026, EndYear: 2030},
			Summary: plan.Summary{Done: 1, OnTrack: 2, Late: 3, Goals: []plan.GoalProgress{{Node: plan.Node{TitleEt: "Eesmärk"}, Progress: 0.4, Known: true}, {Node: plan.Node{TitleEn: "Goal"}}}}},
		Needs:   homeNeeds{Consolidated: 2, Measures: 1, Requested: 123450, Available: 10000000},
		Changes: []homeChange{{At: month, Kind: "home.changes.kind.plan_node.activity", Title: "Tegevus", Path: "/plan/activities/3", Created: true}},
	}
}
