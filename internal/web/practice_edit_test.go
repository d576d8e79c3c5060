package web

import (
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
)

// practiceEditSamples are the sample pages of the landscape's later gaps (issue 13).
func practiceEditSamples(base Page) map[string]any {
	lp := landscapePage{Page: base, Names: map[string]string{"0793": "Tartu linn"}}
	var problems kovit.Problems
	problems.Add("links", "error.url")
	practice := landscape.Practice{ID: 4, Title: "Taotlused ühes kohas", Summary: "Kokkuvõte", Municipalities: []string{"0793"},
		Links: []string{"https://tartu.ee"}, Tags: []string{"e-teenused"}, Status: landscape.PracticePublished, Version: 2}
	return map[string]any{
		"landscape/practice_edit": practiceEditPage{practiceNewPage{landscapePage: lp, In: practice,
			Municipalities: []municipality.Municipality{{EHAK: "0793", Name: "Tartu linn"}}, Form: form{Problems: problems}}},
	}
}
