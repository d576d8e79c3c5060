package web

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"

	"kovit/internal/auth"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// valuesPerPage is how many measurements the indicator page lists at a time.
const valuesPerPage = 50

// planIndicatorPage is one indicator: what it measures and where, its national figure as
// a chart with a table beside it, each municipality's latest value when broken down, and
// its measurements; with the edit and value forms for those who may edit the strategy.
type planIndicatorPage struct {
	planPage
	S              plan.Strategy
	I              plan.Indicator
	Node           *plan.Node // nil: the strategy as a whole
	Chart          template.HTML
	Points         []chartRow
	ByMunicipality []municipalityValue // a broken-down indicator's latest values
	National       *plan.Point
	Values         []plan.Measurement // this page of them, newest first
	Pager          Pager
	Names          map[string]string // municipality names by EHAK
	Municipalities []municipality.Municipality
	Nodes          []plan.Node // goals and directions, for the edit form
	CanEdit        bool
	Edit           indicatorInput
	Form           form
	NewValue       measurementInput
	ValueForm      form
}

// municipalityValue is a municipality's latest value of a broken-down indicator.
type municipalityValue struct {
	Name string
	M    plan.Measurement
}

func (p planIndicatorPage) Path() string { return p.IndicatorPath(p.I) }

// EditForm and ValueMessage let the shared partials show this page's forms.
func (p planIndicatorPage) EditForm() indicatorFormView {
	return indicatorFormView{planPage: p.planPage, In: p.Edit, Form: p.Form, Nodes: p.Nodes}
}
func (p planIndicatorPage) ValueMessage() formMessageView { return formMessageView{p.L, p.ValueForm} }

// Broken says whether values are entered per municipality.
func (p planIndicatorPage) Broken() bool { return p.I.Breakdown != plan.NoBreakdown }

// loadPlanIndicator loads the indicator of the path for whoever may read its strategy.
func (ui *UI) loadPlanIndicator(r *http.Request) (planIndicatorPage, error) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return planIndicatorPage{}, err
	}
	ind, err := ui.Plans.Indicator(ctx, id)
	if err != nil {
		return planIndicatorPage{}, err
	}
	s, err := ui.readableStrategy(ctx, ind.StrategyID)
	if err != nil {
		return planIndicatorPage{}, err
	}
	t, err := ui.Plans.StrategyTree(ctx, s.ID)
	if err != nil {
		return planIndicatorPage{}, err
	}
	if !auth.Allowed(auth.CanReadInternal(auth.UserFrom(ctx))) {
		t = t.Public()
	}
	p := planIndicatorPage{planPage: planPage{ui.page(r, "")}, S: s, I: ind.Normalize(), CanEdit: auth.Allowed(ui.mayEditStrategy(ctx, s)),
		Edit: inputOf(ind)}
	p.Title, _ = ind.Name(p.L.Lang)
	p.Nav = "plan"
	for _, n := range t.Nodes {
		if n.Kind == plan.Goal || n.Kind == plan.Direction {
			p.Nodes = append(p.Nodes, n)
			if ind.NodeID != nil && *ind.NodeID == n.ID {
				p.Node = &n
			}
		}
	}
	if p.Municipalities, err = ui.allMunicipalities(ctx); err != nil {
		return p, err
	}
	p.Names = map[string]string{}
	for _, m := range p.Municipalities {
		p.Names[m.EHAK] = m.Name
	}
	ms, err := ui.Plans.Measurements(ctx, ind.ID)
	if err != nil {
		return p, err
	}
	series := p.I.Series(ms, len(p.Municipalities))
	if len(series) > 0 {
		p.National = &series[len(series)-1]
	}
	p.Chart, p.Points = p.indicatorChart(series), chartRows(p.I, series)
	if p.Broken() {
		p.ByMunicipality = latestByMunicipality(ms, p.Names)
	}
	var problems form
	pg := readPage(r.URL.Query(), valuesPerPage, &problems.Problems)
	slices.Reverse(ms) // newest first
	p.Pager = newPager(p.Path(), r.URL.Query(), len(ms), pg.Limit, pg.Offset)
	p.Values = ms[min(pg.Offset, len(ms)):min(pg.Offset+pg.Limit, len(ms))]
	return p, problems.Problems.Err()
}

// latestByMunicipality is each municipality's newest value, by municipality name.
func latestByMunicipality(ms []plan.Measurement, names map[string]string) []municipalityValue {
	latest := map[string]plan.Measurement{}
	for _, m := range ms { // by date: a later one replaces an earlier
		latest[m.MunicipalityEHAK] = m
	}
	var out []municipalityValue
	for ehak, m := range latest {
		out = append(out, municipalityValue{Name: cmp.Or(names[ehak], ehak), M: m})
	}
	slices.SortFunc(out, func(a, b municipalityValue) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

func (ui *UI) planIndicator(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPlanIndicator(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "plan/indicator", p)
	return nil
}

// BetterText says which way is better, in words: the chart alone must not carry it.
func (p planPage) BetterText(b plan.Better) string { return p.L.T("indicator.better." + string(b)) }

// BreakdownText names how a national figure comes about.
func (p planPage) BreakdownText(a plan.Aggregation) string {
	return p.L.T("indicator.breakdown." + cmp.Or(string(a), "none"))
}
