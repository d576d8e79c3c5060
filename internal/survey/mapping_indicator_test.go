package survey

import (
	"testing"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

func TestIndicatorMapping(t *testing.T) {
	ok := Survey{Title: "Küsitlus 2026", Year: 2026, Deadline: "2026-12-31", Questions: []Question{
		{Key: "n", Text: "Mitu e-teenust?", Type: Number, Maps: MapsIndicator + "12"}}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	for name, q := range map[string]Question{
		"a text":          {Key: "a", Text: "x", Type: Text, Maps: MapsIndicator + "12"},
		"a choice":        {Key: "a", Text: "x", Type: Single, Options: []string{"jah", "ei"}, Maps: MapsIndicator + "12"},
		"no id":           {Key: "a", Text: "x", Type: Number, Maps: MapsIndicator},
		"a name, not id":  {Key: "a", Text: "x", Type: Number, Maps: MapsIndicator + "e-teenused"},
		"a negative id":   {Key: "a", Text: "x", Type: Number, Maps: MapsIndicator + "-3"},
		"an id with junk": {Key: "a", Text: "x", Type: Number, Maps: MapsIndicator + "12x"},
	} {
		bad := Survey{Title: "x", Year: 2026, Deadline: "2026-12-31", Questions: []Question{q}}
		if !kovit.FieldsOf(bad.Validate()).Has("questions[0].maps") {
			t.Errorf("%s: %v", name, bad.Validate())
		}
	}
	twice := ok
	twice.Questions = append(twice.Questions, Question{Key: "m", Text: "Veel kord?", Type: Number, Maps: MapsIndicator + "12"})
	if f := kovit.FieldsOf(twice.Validate()); !f.Has("questions[1].maps") || f.Has("questions[0].maps") {
		t.Errorf("two questions for one indicator: %v", twice.Validate())
	}
}

func TestIndicatorProposals(t *testing.T) {
	n := func(f float64) *float64 { return &f }
	s := Survey{Title: "Küsitlus 2026", Questions: []Question{
		{Key: "shared", Type: Number, Maps: MapsIndicator + "1"}, // national plan, by municipality
		{Key: "own", Type: Number, Maps: MapsIndicator + "2"},    // Tartu's own plan, one figure
		{Key: "nat", Type: Number, Maps: MapsIndicator + "3"},    // a national figure
		{Key: "matrix", Type: Number, Maps: MapsIndicator + "4"}, // computed from the matrix
		{Key: "gone", Type: Number, Maps: MapsIndicator + "5"},   // deleted since
		{Key: "same", Type: Number, Maps: MapsIndicator + "6"},   // already recorded
		{Key: "empty", Type: Number, Maps: MapsIndicator + "7"},  // not answered
		{Key: "plain", Type: Number},
	}}
	approved := time.Date(2026, 3, 14, 22, 30, 0, 0, time.UTC)
	day := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	r := Response{MunicipalityEHAK: "0793", State: Approved, ApprovedAt: &approved, Answers: map[string]Answer{
		"shared": {Number: n(42)}, "own": {Number: n(7.5)}, "nat": {Number: n(1)}, "matrix": {Number: n(3)}, "gone": {Number: n(4)},
		"same": {Number: n(9)}, "plain": {Number: n(5)}}}
	targets := map[int64]IndicatorTarget{
		1: {Indicator: plan.Indicator{ID: 1, Breakdown: plan.Sum}, Measurements: []plan.Measurement{
			{ID: 10, IndicatorID: 1, MunicipalityEHAK: "0793", Value: 40, Date: day, Note: "käsitsi", Version: 2},
			{ID: 11, IndicatorID: 1, MunicipalityEHAK: "0784", Value: 42, Date: day, Version: 1}}},
		2: {Indicator: plan.Indicator{ID: 2}, OwnerEHAK: "0793"},
		3: {Indicator: plan.Indicator{ID: 3}},
		4: {Indicator: plan.Indicator{ID: 4, FromMatrix: &plan.MatrixSource{ServiceCode: "SOC-001"}}},
		6: {Indicator: plan.Indicator{ID: 6, Breakdown: plan.Mean}, OwnerEHAK: "0793", Measurements: []plan.Measurement{
			{ID: 60, IndicatorID: 6, MunicipalityEHAK: "0793", Value: 9, Date: day, Version: 1}}},
		7: {Indicator: plan.Indicator{ID: 7, Breakdown: plan.Sum}},
	}
	got := IndicatorProposals(s, r, targets)
	if len(got) != 2 {
		t.Fatalf("got %+v", got)
	}
	want := plan.Measurement{ID: 10, IndicatorID: 1, MunicipalityEHAK: "0793", Value: 42, Date: day, Source: "Küsitlus 2026", Note: "käsitsi", Version: 2}
	if got[0].Question != "shared" || got[0].Measurement != want || got[0].Current == nil || *got[0].Current != 40 {
		t.Errorf("the shared indicator: %+v", got[0])
	}
	want = plan.Measurement{IndicatorID: 2, Value: 7.5, Date: day, Source: "Küsitlus 2026"}
	if got[1].Question != "own" || got[1].Measurement != want || got[1].Current != nil {
		t.Errorf("the own plan's indicator: %+v", got[1])
	}
	// Tallinn's answer is no figure of Tartu's plan, and its 42 is recorded already.
	r.MunicipalityEHAK = "0784"
	if got := IndicatorProposals(s, r, targets); len(got) != 1 || got[0].Measurement.IndicatorID != 6 || got[0].Measurement.ID != 0 ||
		got[0].Measurement.MunicipalityEHAK != "0784" {
		t.Errorf("Tallinn's response proposes %+v", got)
	}
	r.State = Submitted
	if got := IndicatorProposals(s, r, targets); got != nil {
		t.Errorf("a response not approved proposes %+v", got)
	}
}
