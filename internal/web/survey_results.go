package web

import (
	"html/template"
	"net/http"
	"sort"
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
	// Views are the results as the page shows them, formatted once here: a page of 100
	// questions by 15 counties would otherwise call the printer from the template
	// thousands of times.
	Views []resultView
}

// resultView is one question's result with its figures written out.
type resultView struct {
	Key, Text string
	Groups    []groupView
	// Chart is the result's bar chart by peer group (survey_chart.go), "" for none.
	Chart template.HTML
}

type groupView struct {
	Group, Responses, Mean string
	Counts                 []string // "option: count (share)", by option
}

// views writes out results in the page's language.
func (p surveyResultsPage) views() []resultView {
	out := make([]resultView, 0, len(p.Results))
	for i, r := range p.Results {
		v := resultView{Key: r.Key, Text: r.Text, Groups: make([]groupView, 0, len(r.Groups)), Chart: p.resultChart(r, i)}
		for _, g := range r.Groups {
			gv := groupView{Group: g.Group, Responses: p.L.Int(g.Responses), Mean: p.Mean(g)}
			keys := make([]string, 0, len(g.Counts))
			for k := range g.Counts {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				gv.Counts = append(gv.Counts, k+": "+p.L.Int(g.Counts[k])+" ("+p.L.PercentInt(p.Share(g.Counts[k], g.Responses))+")")
			}
			v.Groups = append(v.Groups, gv)
		}
		out = append(out, v)
	}
	return out
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
	responses, err := ui.Surveys.SurveyResponses(ctx, id)
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
	p := surveyResultsPage{surveyPage: sp, Group: group, Groupings: survey.Groupings, Results: survey.Results(s, responses, byEHAK, by)}
	p.Views = p.views()
	return p, nil
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
