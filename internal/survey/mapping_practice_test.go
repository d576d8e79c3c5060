package survey

import (
	"slices"
	"testing"

	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
)

// practiceSurvey collects the e-democracy practice: yes/no, numbers, modules and a text.
func practiceSurvey() Survey {
	yesNo := []string{"jah", "ei"}
	return Survey{Title: "E-demokraatia 2026", Year: 2026, Deadline: "2026-12-31", Questions: []Question{
		{Key: "stream", Text: "Istungite otseülekanne?", Type: Single, Options: yesNo, Maps: MapsPractice + "streaming"},
		{Key: "modules", Text: "Avalikud osad", Type: Multiple, Options: edemocracy.Modules, Maps: MapsPractice + "public_modules"},
		{Key: "budget", Text: "Kaasava eelarve summa", Type: Number, Maps: MapsPractice + "budget_amount"},
		{Key: "year", Text: "Kaasava eelarve aasta", Type: Number, Maps: MapsPractice + "budget_year"},
		{Key: "system", Text: "Volikogu infosüsteem", Type: Text, Maps: MapsPractice + "council_system"},
		{Key: "rahva", Text: "Rahvaalgatus?", Type: Single, Options: yesNo, Maps: MapsPractice + "rahvaalgatus"},
	}}
}

func TestPracticeMapping(t *testing.T) {
	s := practiceSurvey()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	for _, q := range []Question{
		{Key: "a", Text: "x", Type: Number, Maps: MapsPractice + "streaming"},                                   // yes/no needs a choice
		{Key: "a", Text: "x", Type: Single, Options: []string{"a", "b", "c"}, Maps: MapsPractice + "streaming"}, // of two
		{Key: "a", Text: "x", Type: Multiple, Options: []string{"agendas", "gossip"}, Maps: MapsPractice + "public_modules"},
		{Key: "a", Text: "x", Type: Text, Maps: MapsPractice + "gossip"},
	} {
		bad := Survey{Title: "x", Year: 2026, Deadline: "2026-12-31", Questions: []Question{q}}
		if !kovit.FieldsOf(bad.Validate()).Has("questions[0].maps") {
			t.Errorf("%+v: %v", q, bad.Validate())
		}
	}
	n := func(f float64) *float64 { return &f }
	r := Response{State: Approved, Answers: map[string]Answer{
		"stream": {Text: "jah"}, "modules": {Choices: []string{"votes", "agendas"}}, "budget": {Number: n(150000.5)},
		"year": {Number: n(2025)}, "system": {Text: "VOLIS"}, "rahva": {Text: "ei"}}}
	year := 2024
	current := edemocracy.Practice{MunicipalityEHAK: "0793", CouncilSystem: "VOLIS", BudgetYear: &year, Consultations: 3, Version: 4}
	got, changed := PracticeProposal(s, r, current)
	if !got.Streaming || got.Rahvaalgatus || got.BudgetAmount == nil || *got.BudgetAmount != 15000050 || *got.BudgetYear != 2025 ||
		!slices.Equal(got.PublicModules, []string{"agendas", "votes"}) || got.Consultations != 3 || got.Version != 4 {
		t.Errorf("proposed %+v", got)
	}
	if want := []string{"public_modules", "streaming", "budget_year", "budget_amount"}; !slices.Equal(changed, want) {
		t.Errorf("changed %v, want %v", changed, want)
	}
	if current.BudgetYear != &year || *current.BudgetYear != 2024 {
		t.Error("the proposal changed the current practice")
	}
	r.State = Submitted
	if _, changed := PracticeProposal(s, r, current); changed != nil {
		t.Errorf("a response not approved proposes %v", changed)
	}
}
