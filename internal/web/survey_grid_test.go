package web

import (
	"bytes"
	"strings"
	"testing"

	"kovit/internal/i18n"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
	"kovit/internal/survey"
)

// TestSurveySolutionGridAndCharts renders, in both languages, a response's per-solution
// grid (statuses named in the page's language), its proposed landscape updates, and the
// results' bar chart beside the table.
func TestSurveySolutionGridAndCharts(t *testing.T) {
	tmpl, err := parseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := survey.Survey{ID: 4, Year: 2026, Title: "IT-maastik", Deadline: "2026-12-31", Open: true, Questions: []survey.Question{
		{Key: "stream", Text: "Ülekanded?", Type: survey.Single, Options: []string{"jah", "ei"}},
		{Key: "score", Text: "Rahulolu", Type: survey.Scale},
		{Key: "sol", Text: "Lahendused", Type: survey.SolutionGrid, Options: []string{"planned", "production"}, Maps: survey.MapsStatus}}}
	answers := map[string]survey.Answer{"stream": {Text: "jah"}, "score": {Number: ptrf(4)}, "sol": {Grid: map[string]string{"3": "production"}}}
	r := survey.Response{SurveyID: 4, MunicipalityEHAK: "0793", Answers: answers, State: survey.Approved, Version: 3}
	solutions := []landscape.Solution{{ID: 3, Name: "Delta <DHS>"}, {ID: 5, Name: "VOLIS"}}
	ms := map[string]municipality.Municipality{"0793": {EHAK: "0793", Name: "Tartu linn", Type: municipality.City},
		"0171": {EHAK: "0171", Name: "Alutaguse vald", Type: municipality.Rural}}
	results := survey.Results(s, []survey.Response{r, {MunicipalityEHAK: "0171", State: survey.Approved,
		Answers: map[string]survey.Answer{"stream": {Text: "ei"}, "score": {Number: ptrf(2)}}}}, ms, func(m municipality.Municipality) string { return string(m.Type) })
	for _, lang := range i18n.Languages {
		base := Page{L: catalog.Printer(lang), Title: "T", Path: "/x"}
		sp := surveyPage{Page: base, S: s}
		form := surveyResponsePage{surveyPage: sp, R: r, Name: "Tartu linn", Solutions: solutions, CanAnswer: true}
		form.R.State = survey.Draft
		read := surveyResponsePage{surveyPage: sp, R: r, Name: "Tartu linn", Solutions: solutions, StatusProposals: []survey.StatusProposal{
			{Question: "sol", SolutionID: 5, Proposed: landscape.Planned}, {Question: "sol", SolutionID: 3, RowID: 30, Current: landscape.Planned, Proposed: landscape.Production, RowVersion: 2}}}
		res := resultsSample(surveyResultsPage{surveyPage: sp, Group: "type", Groupings: survey.Groupings, Results: results})
		for name, c := range map[string]struct {
			tmpl string
			data any
			want []string
		}{
			"form": {"survey/response", form, []string{`name="g.sol.3"`, `name="g.sol.5"`, "Delta &lt;DHS&gt;", `<option value="production" selected>` + base.L.T("landscape.status.production")}},
			"proposals": {"survey/response", read, []string{"/apply-status", `name="row_version" value="2"`, `href="/landscape/rows/30"`, `href="/solutions/5"`,
				base.L.T("survey.no_row"), base.L.T("survey.status_proposals")}},
			"results": {"survey/results", res, []string{`<svg xmlns="http://www.w3.org/2000/svg"`, `id="chart-0-title"`, `id="chart-1-title"`, `id="chart-2-title"`, "<table class=\"data\">",
				base.L.T("survey.chart_desc")}},
		} {
			var b bytes.Buffer
			if err := tmpl.execute(&b, c.tmpl, c.data); err != nil {
				t.Fatalf("%s %s: %v", lang, name, err)
			}
			for _, w := range c.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("%s %s: no %q", lang, name, w)
				}
			}
			if strings.Contains(b.String(), "{{") {
				t.Errorf("%s %s: an unfilled message", lang, name)
			}
		}
	}
}

func ptrf(f float64) *float64 { return &f }
