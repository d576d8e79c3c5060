package survey

import (
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

func f(v float64) *float64 { return &v }

func sample() Survey {
	return Survey{Year: 2026, Title: "E-demokraatia 2026", Deadline: "2026-12-31", Questions: []Question{
		{Key: "stream", Text: "Kas volikogu istungeid kantakse üle?", Type: Single, Options: []string{"jah", "ei"}, Required: true},
		{Key: "stream_url", Text: "Ülekande aadress", Type: Text, Required: true, ShowIf: &Condition{Key: "stream", Equals: "jah"}},
		{Key: "budget", Text: "Kaasava eelarve summa", Type: Number, Min: f(0)},
		{Key: "satisfaction", Text: "Rahulolu", Type: Scale},
		{Key: "channels", Text: "Kanalid", Type: Multiple, Options: []string{"veeb", "paber", "rahvaalgatus"}},
		{Key: "services", Text: "Teenused", Type: ServiceGrid, Options: []string{"pakutakse", "plaanis", "ei"}},
	}}
}

func TestSurveyValidate(t *testing.T) {
	if err := sample().Validate(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		edit  func(*Survey)
		field string
	}{
		{"repeated key", func(s *Survey) { s.Questions[1].Key = "stream" }, "questions[1].key"},
		{"single with one option", func(s *Survey) { s.Questions[0].Options = []string{"jah"} }, "questions[0].options"},
		{"unknown type", func(s *Survey) { s.Questions[2].Type = "map" }, "questions[2].type"},
		{"range upside down", func(s *Survey) { s.Questions[2].Max = f(-1) }, "questions[2].max"},
		{"condition on a later question", func(s *Survey) { s.Questions[0].ShowIf = &Condition{Key: "budget", Equals: "1"} }, "questions[0].show_if"},
		{"condition on an unknown option", func(s *Survey) { s.Questions[1].ShowIf.Equals = "võib-olla" }, "questions[1].show_if"},
		{"no year", func(s *Survey) { s.Year = 0 }, "year"},
	} {
		s := sample()
		s.Questions = append([]Question(nil), s.Questions...)
		cond := *s.Questions[1].ShowIf
		s.Questions[1].ShowIf = &cond
		c.edit(&s)
		if !kovit.FieldsOf(s.Validate()).Has(c.field) {
			t.Errorf("%s: %v does not name %s", c.name, s.Validate(), c.field)
		}
	}
}

func TestCheckAnswers(t *testing.T) {
	s := sample()
	services := []string{"SOC-001", "EDU-001"}
	ok := map[string]Answer{"stream": {Text: "ei"}, "stream_url": {Text: "https://x"}, "budget": {Number: f(5000)}, "satisfaction": {Number: f(4)},
		"channels": {Choices: []string{"veeb"}}, "services": {Grid: map[string]string{"SOC-001": "pakutakse"}}}
	got, err := Check(s, ok, services, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, kept := got["stream_url"]; kept {
		t.Error("the answer to a hidden question is kept")
	}
	for _, c := range []struct {
		name     string
		answers  map[string]Answer
		complete bool
		field    string
	}{
		{"required on submit", map[string]Answer{}, true, "answers.stream"},
		{"shown required", map[string]Answer{"stream": {Text: "jah"}}, true, "answers.stream_url"},
		{"unknown option", map[string]Answer{"stream": {Text: "võib-olla"}}, false, "answers.stream"},
		{"below the minimum", map[string]Answer{"budget": {Number: f(-1)}}, false, "answers.budget"},
		{"scale past 5", map[string]Answer{"satisfaction": {Number: f(6)}}, false, "answers.satisfaction"},
		{"scale not whole", map[string]Answer{"satisfaction": {Number: f(2.5)}}, false, "answers.satisfaction"},
		{"unknown service", map[string]Answer{"services": {Grid: map[string]string{"XXX-1": "ei"}}}, false, "answers.services"},
		{"unknown question", map[string]Answer{"nope": {Text: "x"}}, false, "answers.nope"},
	} {
		if _, err := Check(s, c.answers, services, nil, c.complete); !kovit.FieldsOf(err).Has(c.field) {
			t.Errorf("%s: %v does not name %s", c.name, err, c.field)
		}
	}
	if _, err := Check(s, map[string]Answer{"stream": {Text: "jah"}}, services, nil, false); err != nil {
		t.Errorf("a partial draft: %v", err)
	}
}

func TestPrefill(t *testing.T) {
	last := sample()
	now := sample()
	now.Questions = append(now.Questions[:2:2], Question{Key: "budget", Text: "Eelarve", Type: Text})
	r := Prefill(now, last, map[string]Answer{"stream": {Text: "jah"}, "stream_url": {Text: "https://x"}, "budget": {Number: f(1)}})
	if len(r.Answers) != 2 || r.Answers["stream"].Text != "jah" || len(r.Prefilled) != 2 || r.State != Draft {
		t.Errorf("%+v", r)
	}
}

func TestResultsByPeerGroup(t *testing.T) {
	s := sample()
	ms := map[string]municipality.Municipality{"0793": {EHAK: "0793", Type: municipality.City}, "0784": {EHAK: "0784", Type: municipality.City},
		"0130": {EHAK: "0130", Type: "vald"}}
	rs := []Response{
		{MunicipalityEHAK: "0793", State: Approved, Answers: map[string]Answer{"stream": {Text: "jah"}, "budget": {Number: f(100)}}},
		{MunicipalityEHAK: "0784", State: Approved, Answers: map[string]Answer{"stream": {Text: "jah"}, "budget": {Number: f(300)}}},
		{MunicipalityEHAK: "0130", State: Approved, Answers: map[string]Answer{"stream": {Text: "ei"}}},
		{MunicipalityEHAK: "0130", State: Submitted, Answers: map[string]Answer{"stream": {Text: "jah"}}},
	}
	res := Results(s, rs, ms, func(m municipality.Municipality) string { return string(m.Type) })
	if len(res) != 5 || res[0].Key != "stream" || res[1].Key != "budget" {
		t.Fatalf("%+v", res)
	}
	city := res[0].Groups[0]
	if city.Group != string(municipality.City) || city.Counts["jah"] != 2 || res[0].Groups[1].Counts["ei"] != 1 || res[0].Groups[1].Counts["jah"] != 0 {
		t.Errorf("%+v", res[0].Groups)
	}
	if m := res[1].Groups[0].Mean; m == nil || *m != 200 {
		t.Errorf("%+v", res[1].Groups)
	}
}

func TestParseQuestionsAndBack(t *testing.T) {
	qs, err := ParseQuestions("# e-demokraatia\nstream | single | Ülekanded? | jah; ei | required\nurl | text | Aadress | | if=stream=jah\nbudget | number | Eelarve | | min=0 max=1000000\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 3 || !qs[0].Required || len(qs[0].Options) != 2 || qs[1].ShowIf.Equals != "jah" || *qs[2].Max != 1000000 {
		t.Fatalf("%+v", qs)
	}
	again, err := ParseQuestions(QuestionsText(qs))
	if err != nil || QuestionsText(again) != QuestionsText(qs) {
		t.Errorf("round trip: %v\n%s", err, QuestionsText(again))
	}
	if _, err := ParseQuestions("only | two"); !kovit.FieldsOf(err).Has("questions") {
		t.Errorf("a short line: %v", err)
	}
}

func TestProposals(t *testing.T) {
	s := Survey{Questions: []Question{{Key: "grid", Text: "T", Type: ServiceGrid, Options: []string{"offered", "not_offered"}, Maps: MapsOffering}}}
	if err := (Survey{Year: 2026, Title: "x", Deadline: "2026-12-31", Questions: []Question{{Key: "g", Text: "T", Type: ServiceGrid, Options: []string{"jah", "ei"}, Maps: MapsOffering}}}).Validate(); !kovit.FieldsOf(err).Has("questions[0].maps") {
		t.Errorf("a grid of other options mapped to offerings: %v", err)
	}
	r := Response{State: Approved, Answers: map[string]Answer{"grid": {Grid: map[string]string{"SOC-001": "offered", "SOC-002": "not_offered", "SOC-003": "offered"}}}}
	row := map[string]eservice.Cell{"SOC-001": {Offering: eservice.Offered, Version: 2}, "SOC-002": {Offering: eservice.Offered, Version: 5}}
	ps := Proposals(s, r, row)
	if len(ps) != 2 || ps[0].ServiceCode != "SOC-002" || ps[0].Proposed != eservice.NotOffered || ps[0].CellVersion != 5 || ps[1].ServiceCode != "SOC-003" || ps[1].Current != "" {
		t.Errorf("%+v", ps)
	}
	r.State = Submitted
	if Proposals(s, r, row) != nil {
		t.Error("a response not approved proposes updates")
	}
}
