package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/survey"
	"kovit/internal/tabular"
)

// surveyResultsPage is a survey's approved answers by peer group, with a table a screen
// reader reads and a bar per option.
type surveyResultsPage struct {
	surveyPage
	Group     string
	Groupings []string
	Results   []survey.Result
}

// Share is part of whole as a whole percentage, for a bar's width.
func (p surveyResultsPage) Share(part, whole int) int {
	if whole == 0 {
		return 0
	}
	return part * 100 / whole
}

// Mean is a group's mean in the page's language.
func (p surveyResultsPage) Mean(g survey.GroupResult) string {
	if g.Mean == nil {
		return ""
	}
	return p.L.Num(*g.Mean, 1)
}

// loadSurveyResults is the survey's results by ?group= if the user may read them; the
// public asking for results the survey keeps internal is sent to sign in.
func (ui *UI) loadSurveyResults(r *http.Request) (surveyResultsPage, error) {
	ctx := r.Context()
	q := r.URL.Query()
	group := q.Get("group")
	if group == "" {
		group = "type"
	}
	by, ok := survey.GroupingOf(group)
	if !ok {
		var p kovit.Problems
		p.Add("group", "survey.error.group")
		return surveyResultsPage{}, p.Err()
	}
	id, err := pathID(r, "id")
	if err != nil {
		return surveyResultsPage{}, err
	}
	s, err := ui.Surveys.Survey(ctx, id)
	if err != nil {
		return surveyResultsPage{}, err
	}
	if err := auth.CanReadSurveyResults(auth.UserFrom(ctx), s.PublicResults); err != nil {
		return surveyResultsPage{}, err
	}
	responses, err := ui.Surveys.Responses(ctx, id)
	if err != nil {
		return surveyResultsPage{}, err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return surveyResultsPage{}, err
	}
	byEHAK := make(map[string]municipality.Municipality, len(ms))
	for _, m := range ms {
		byEHAK[m.EHAK] = m
	}
	sp := ui.surveyPage(r, "")
	sp.S = s
	sp.Title = sp.L.T("survey.results.title", "Survey", s.Title)
	return surveyResultsPage{surveyPage: sp, Group: group, Groupings: survey.Groupings, Results: survey.Results(s, responses, byEHAK, by)}, nil
}

func (ui *UI) surveyResults(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadSurveyResults(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "survey/results", p)
	return nil
}

func (ui *UI) surveyResultsExport(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadSurveyResults(r)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "tulemused-"+strconv.FormatInt(p.S.ID, 10), survey.ResultsSheet(p.Results, lang(r)))
}
