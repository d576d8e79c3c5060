package web

import (
	"html/template"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/survey"
	"kovit/internal/tabular"
)

// surveyResultsPage is a survey's approved answers by peer group, with a table a screen
// reader reads and a bar per option, a page of questions at a time.
type surveyResultsPage struct {
	surveyPage
	Group     string
	Groupings []string
	// Results are the page's questions' results and Offset the first one's place among
	// all, so that a chart keeps its id from page to page.
	Results []survey.Result
	Offset  int
	// Views are the results as the page shows them, formatted once here: a page of
	// questions by 15 counties would otherwise call the printer from the template
	// thousands of times.
	Views []resultView
	// Labels are the tables' words, looked up once rather than for each table and row.
	Labels resultLabels
	// Section is Views rendered (the template's survey-results-section), as
	// ui.surveyResults keeps it.
	Section template.HTML
	Pager   Pager
}

// surveyResultsPageSize is how many questions' results a page shows: each is a chart and
// a table by peer group, and a hundred of them made a page too long to read or to serve
// quickly. The export has every question.
const surveyResultsPageSize = 20

// resultLabels are the words of a result's table.
type resultLabels struct{ Group, Responses, Answers, Mean, None string }

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
		v := resultView{Key: r.Key, Text: r.Text, Groups: make([]groupView, 0, len(r.Groups)), Chart: p.resultChart(r, p.Offset+i)}
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

// labels looks up the tables' words in the page's language.
func (p surveyResultsPage) labels() resultLabels {
	return resultLabels{Group: p.L.T("survey.results.group"), Responses: p.L.T("survey.results.responses"), Answers: p.L.T("survey.results.answers"),
		Mean: p.L.T("survey.results.mean"), None: p.L.T("survey.results.none")}
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

// surveyResultsInput is what a survey's results are made of.
type surveyResultsInput struct {
	page      surveyResultsPage
	by        survey.GroupOf
	responses []survey.Response
	byEHAK    map[string]municipality.Municipality
}

// results sums up every question's answers.
func (in surveyResultsInput) results() []survey.Result {
	return survey.Results(in.page.S, in.responses, in.byEHAK, in.by)
}

// loadSurveyResults reads what the survey's results by ?group= are made of, if the user
// may read them (problems has the request's other problems); the public asking for
// results the survey keeps internal is sent to sign in.
func (ui *UI) loadSurveyResults(r *http.Request, problems kovit.Problems) (surveyResultsInput, error) {
	ctx := r.Context()
	group := r.URL.Query().Get("group")
	if group == "" {
		group = "type"
	}
	by, ok := survey.GroupingOf(group)
	if !ok {
		problems.Add("group", "survey.error.group")
	}
	if err := problems.Err(); err != nil {
		return surveyResultsInput{}, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return surveyResultsInput{}, err
	}
	s, err := ui.Surveys.Survey(ctx, id)
	if err != nil {
		return surveyResultsInput{}, err
	}
	if err := auth.CanReadSurveyResults(auth.UserFrom(ctx), s.PublicResults); err != nil {
		return surveyResultsInput{}, err
	}
	responses, err := ui.Surveys.SurveyResponses(ctx, id)
	if err != nil {
		return surveyResultsInput{}, err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return surveyResultsInput{}, err
	}
	byEHAK := make(map[string]municipality.Municipality, len(ms))
	for _, m := range ms {
		byEHAK[m.EHAK] = m
	}
	sp := ui.surveyPage(r, "")
	sp.S = s
	sp.Title = sp.L.T("survey.results.title", "Survey", s.Title)
	return surveyResultsInput{page: surveyResultsPage{surveyPage: sp, Group: group, Groupings: survey.Groupings},
		by: by, responses: responses, byEHAK: byEHAK}, nil
}

func (ui *UI) surveyResults(w http.ResponseWriter, r *http.Request) error {
	var problems kovit.Problems
	pg := readPage(r.URL.Query(), surveyResultsPageSize, &problems)
	in, err := ui.loadSurveyResults(r, problems)
	if err != nil {
		return err
	}
	p := in.page
	key := resultsKey{Survey: p.S.ID, Group: p.Group, Stamp: survey.ResultsStamp(p.S, in.responses, in.byEHAK, in.by), Lang: p.L.Lang,
		Offset: pg.Offset, Limit: pg.Limit}
	sec, err := ui.surveyResultsCache.get(key, func() (resultsSection, error) { return ui.renderResultsSection(in, pg) })
	if err != nil {
		return err
	}
	p.Section = sec.Body
	p.Pager = newPager(r.URL.Path, r.URL.Query(), sec.Total, pg.Limit, pg.Offset)
	ui.render(w, r, http.StatusOK, "survey/results", p)
	return nil
}

// renderResultsSection renders page pg of in's results.
func (ui *UI) renderResultsSection(in surveyResultsInput, pg kovit.Page) (resultsSection, error) {
	p := in.page
	var total int
	p.Results, total = survey.ResultsPage(p.S, in.responses, in.byEHAK, in.by, pg.Offset, pg.Limit)
	p.Offset = pg.Offset
	p.Views = p.views()
	p.Labels = p.labels()
	var b strings.Builder
	if err := ui.tmpl.executePart(&b, "survey/results", "survey-results-section", p); err != nil {
		return resultsSection{}, err
	}
	return resultsSection{Body: template.HTML(b.String()), Total: total}, nil
}

func (ui *UI) surveyResultsExport(w http.ResponseWriter, r *http.Request) error {
	in, err := ui.loadSurveyResults(r, nil)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "tulemused-"+strconv.FormatInt(in.page.S.ID, 10), survey.ResultsSheet(in.results(), lang(r)))
}
