package survey

import (
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

func TestSolutionGridCheck(t *testing.T) {
	s := Survey{Year: 2026, Title: "x", Deadline: "2026-12-31", Questions: []Question{
		{Key: "sol", Text: "Lahendused", Type: SolutionGrid, Options: []string{"production", "planned", "stopped"}, Maps: MapsStatus}}}
	if err := s.Validate(); err != nil {
		t.Fatalf("a solution grid mapped to statuses: %v", err)
	}
	solutions := []string{"3", "7"}
	got, err := Check(s, map[string]Answer{"sol": {Grid: map[string]string{"3": "production"}}}, nil, solutions, true)
	if err != nil || got["sol"].Grid["3"] != "production" {
		t.Fatalf("a valid answer: %v %+v", err, got)
	}
	for name, a := range map[string]Answer{
		"a solution not in the catalogue": {Grid: map[string]string{"9": "production"}},
		"an option not asked":             {Grid: map[string]string{"7": "piloting"}},
		"a service code as the row":       {Grid: map[string]string{"SOC-001": "planned"}},
	} {
		if _, err := Check(s, map[string]Answer{"sol": a}, []string{"SOC-001"}, solutions, false); !kovit.FieldsOf(err).Has("answers.sol") {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, q := range map[string]Question{
		"options other than statuses": {Key: "g", Text: "T", Type: SolutionGrid, Options: []string{"jah", "ei"}, Maps: MapsStatus},
		"a service grid to statuses":  {Key: "g", Text: "T", Type: ServiceGrid, Options: []string{"planned", "stopped"}, Maps: MapsStatus},
		"a solution grid to cells":    {Key: "g", Text: "T", Type: SolutionGrid, Options: []string{"offered", "not_offered"}, Maps: MapsOffering},
		"an unknown mapping":          {Key: "g", Text: "T", Type: SolutionGrid, Options: []string{"planned", "stopped"}, Maps: "indicator"},
		"a grid without options":      {Key: "g", Text: "T", Type: SolutionGrid},
	} {
		bad := s
		bad.Questions = []Question{q}
		if err := bad.Validate(); !kovit.FieldsOf(err).Has("questions[0].maps") && !kovit.FieldsOf(err).Has("questions[0].options") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestStatusProposals(t *testing.T) {
	s := Survey{Questions: []Question{{Key: "sol", Text: "T", Type: SolutionGrid, Options: []string{"production", "planned", "stopped"}, Maps: MapsStatus},
		{Key: "other", Text: "T", Type: SolutionGrid, Options: []string{"production", "planned"}}}}
	r := Response{State: Approved, Answers: map[string]Answer{
		"sol":   {Grid: map[string]string{"3": "production", "5": "stopped", "8": "planned", "x": "planned"}},
		"other": {Grid: map[string]string{"9": "planned"}}}}
	rows := map[int64]landscape.Row{3: {ID: 30, SolutionID: 3, Status: landscape.Production, Version: 2},
		5: {ID: 50, SolutionID: 5, Status: landscape.Production, Version: 4}}
	ps := StatusProposals(s, r, rows)
	want := []StatusProposal{
		{Question: "sol", SolutionID: 5, RowID: 50, Current: landscape.Production, Proposed: landscape.Stopped, RowVersion: 4},
		{Question: "sol", SolutionID: 8, Proposed: landscape.Planned},
	}
	if len(ps) != len(want) || ps[0] != want[0] || ps[1] != want[1] {
		t.Errorf("got %+v, want %+v", ps, want)
	}
	r.State = Submitted
	if StatusProposals(s, r, rows) != nil {
		t.Error("a response not approved proposes updates")
	}
}
