package web

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"
	"sync"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/survey"
)

// surveySamples are the survey pages with sample data: every question type, a prefilled
// answer and a refused form.
func surveySamples(base Page) map[string]any {
	ten, prev := 10.0, int64(1)
	s := survey.Survey{ID: 2, Year: 2026, Title: "E-demokraatia 2026", Deadline: "2026-12-31", Open: true, PublicResults: true, PreviousID: &prev, Version: 1,
		Questions: []survey.Question{
			{Key: "stream", Text: "Ülekanded?", Type: survey.Single, Options: []string{"jah", "ei"}, Required: true},
			{Key: "url", Text: "Aadress", Type: survey.Text, ShowIf: &survey.Condition{Key: "stream", Equals: "jah"}},
			{Key: "channels", Text: "Kanalid", Type: survey.Multiple, Options: []string{"veeb", "paber"}},
			{Key: "budget", Text: "Eelarve", Type: survey.Number},
			{Key: "score", Text: "Rahulolu", Type: survey.Scale},
			{Key: "day", Text: "Kuupäev", Type: survey.Date},
			{Key: "services", Text: "Teenused", Type: survey.ServiceGrid, Options: []string{"pakutakse", "ei"}},
		}}
	sp := surveyPage{Page: base, S: s}
	var problems kovit.Problems
	problems.Add("answers.stream", "survey.error.required")
	problems.Add("questions", "survey.error.line")
	answers := map[string]survey.Answer{"stream": {Text: "jah"}, "url": {Text: "https://x"}, "channels": {Choices: []string{"veeb"}}, "budget": {Number: &ten},
		"score": {Number: &ten}, "day": {Text: "2026-01-01"}, "services": {Grid: map[string]string{"SOC-001": "ei"}}}
	r := survey.Response{SurveyID: 2, MunicipalityEHAK: "0793", Answers: answers, State: survey.Submitted, Prefilled: []string{"stream"}, ApprovedBy: "Mari", Version: 2}
	services := []eservice.Service{{Code: "SOC-001", NameEt: "Sotsiaaltoetus"}}
	ms := []municipality.Municipality{{EHAK: "0793", Name: "Tartu linn", Type: municipality.City}, {EHAK: "0784", Name: "Tallinn", Type: municipality.City}}
	results := survey.Results(s, []survey.Response{{MunicipalityEHAK: "0793", State: survey.Approved, Answers: answers}},
		map[string]municipality.Municipality{"0793": ms[0]}, func(m municipality.Municipality) string { return string(m.Type) })
	return map[string]any{
		"survey/list": surveyListPage{surveyPage: sp, Surveys: []survey.Survey{s}, In: s, Questions: survey.QuestionsText(s.Questions), Form: form{Problems: problems}},
		"survey/show": surveyShowPage{surveyPage: sp, Board: survey.BoardOf(ms, []survey.Response{r}), Own: "0793", Reminded: 3, Edit: s, Form: form{Message: "x"}},
		"survey/response": surveyResponsePage{surveyPage: sp, R: r, Name: "Tartu linn", Services: services, CanAnswer: true, CanApprove: true,
			Form: form{Problems: problems}, PracticeChanges: []practiceChange{{Field: "streaming", Current: "ei", Proposed: "jah"}}, PracticeVersion: 2},
		"survey/response_read": surveyResponsePage{surveyPage: sp, R: r, Name: "Tartu linn", Services: services,
			Proposals: []survey.Proposal{{Question: "services", ServiceCode: "SOC-001", Current: eservice.Offered, Proposed: eservice.NotOffered, CellVersion: 3}}},
		"survey/results": resultsSample(surveyResultsPage{surveyPage: sp, Group: "type", Groupings: survey.Groupings, Results: results}),
	}
}

// TestSurveyResponseReadOnly renders a response its reader may not change, in both
// languages: each answer shown as text.
func TestSurveyResponseReadOnly(t *testing.T) {
	tmpl, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range i18n.Languages {
		base := Page{L: catalog.Printer(lang), Title: "T", Path: "/x"}
		var b bytes.Buffer
		if err := tmpl.execute(&b, "survey/response", surveySamples(base)["survey/response_read"]); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"https://x", "veeb", "<dd>10", "2026-01-01", `name="cell_version" value="3"`} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s: no %q", lang, want)
			}
		}
		if strings.Contains(b.String(), "<form") && strings.Contains(b.String(), `name="a.stream"`) {
			t.Errorf("%s: a read-only response has the form", lang)
		}
	}
}

// resultsSample is p with its section rendered, as the results page has it.
func resultsSample(p surveyResultsPage) surveyResultsPage {
	tmpl, err := sampleTemplates()
	if err != nil {
		panic(err)
	}
	p.Views, p.Labels = p.views(), p.labels()
	var b strings.Builder
	if err := tmpl.executePart(&b, "survey/results", "survey-results-section", p); err != nil {
		panic(err)
	}
	p.Section = template.HTML(b.String())
	p.Pager = newPager("/surveys/2/results", url.Values{"group": {p.Group}}, len(p.Results)+surveyResultsPageSize, surveyResultsPageSize, 0)
	return p
}

var sampleTemplates = sync.OnceValues(parseTemplates)
