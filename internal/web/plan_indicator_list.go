package web

import (
	"context"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"kovit/internal/plan"
)

// indicatorRow is an indicator as lists show it: where it sits, its latest national
// figure and the next target still ahead.
type indicatorRow struct {
	I      plan.Indicator
	Node   *plan.Node // nil: the strategy as a whole
	Latest *plan.Point
	Next   *plan.Point
}

// indicatorListView lets the "indicator-list" partial reach the page's formatting.
type indicatorListView struct {
	planPage
	Rows    []indicatorRow
	Caption string
}

// Amount shows a measured value with as many decimals as it has, up to two.
func (p planPage) Amount(v float64) string {
	if v == math.Trunc(v) {
		return p.L.Num(v, 0)
	}
	decimal := ","
	if p.L.Lang == "en" {
		decimal = "."
	}
	return strings.TrimSuffix(strings.TrimRight(p.L.Num(v, 2), "0"), decimal)
}

// Measured is a value with its unit; a percentage reads as every other percentage does.
func (p planPage) Measured(v float64, unit string) string {
	if unit == "%" {
		prec := 0
		for prec < 2 && math.Abs(v*math.Pow10(prec)-math.Round(v*math.Pow10(prec))) > 1e-9 {
			prec++
		}
		return p.L.Percent(v, prec)
	}
	if unit == "" {
		return p.Amount(v)
	}
	return p.Amount(v) + "\u00a0" + unit
}

// IndicatorName is an indicator's name in the page's language.
func (p planPage) IndicatorName(i plan.Indicator) template.HTML { return p.Text(i.NameEt, i.NameEn) }

// IndicatorPath is an indicator's page.
func (p planPage) IndicatorPath(i plan.Indicator) string {
	return "/plan/indicators/" + strconv.FormatInt(i.ID, 10)
}

// indicatorRows sums up inds, indicators of strategy s whose nodes are among nodes.
func (ui *UI) indicatorRows(ctx context.Context, s int64, inds []plan.Indicator, nodes []plan.Node) ([]indicatorRow, error) {
	if len(inds) == 0 {
		return nil, nil
	}
	latest, err := ui.Plans.LatestValues(ctx, s)
	if err != nil {
		return nil, err
	}
	// Only the nodes the indicators name: a copy of every node of a thousand-activity
	// tree was most of what this page allocated besides its rows.
	byID := map[int64]plan.Node{}
	for _, ind := range inds {
		if ind.NodeID != nil {
			byID[*ind.NodeID] = plan.Node{}
		}
	}
	for _, n := range nodes {
		if _, ok := byID[n.ID]; ok {
			byID[n.ID] = n
		}
	}
	today := ui.Now()
	var out []indicatorRow
	for _, ind := range inds {
		row := indicatorRow{I: ind, Next: nextTarget(ind, today)}
		if ind.NodeID != nil {
			if n, ok := byID[*ind.NodeID]; ok && n.ID != 0 {
				row.Node = &n
			}
		}
		if v, ok := latest[ind.ID]; ok {
			row.Latest = &v
		}
		out = append(out, row)
	}
	return out, nil
}

// nextTarget is the first target dated today or later, nil when all lie behind.
func nextTarget(ind plan.Indicator, today time.Time) *plan.Point {
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	for _, t := range ind.Normalize().Targets {
		if !t.Date.Before(day) {
			return &t
		}
	}
	return nil
}

// ancestorIndicators are the indicators of n's goal and direction: what its work serves.
func ancestorIndicators(t plan.Tree, n plan.Node) []plan.Indicator {
	parent := map[int64]*int64{}
	for _, x := range t.Nodes {
		parent[x.ID] = x.ParentID
	}
	above := map[int64]bool{}
	for p := n.ParentID; p != nil && !above[*p]; p = parent[*p] {
		above[*p] = true
	}
	var out []plan.Indicator
	for _, ind := range t.Indicators {
		if ind.NodeID != nil && above[*ind.NodeID] {
			out = append(out, ind)
		}
	}
	return out
}

// treeIndicators fills the tree page's indicator list and new-indicator form.
func (ui *UI) treeIndicators(ctx context.Context, p *planTreePage, t plan.Tree) error {
	p.NewIndicator = inputOf(plan.Indicator{Better: plan.HigherIsBetter})
	var err error
	p.Indicators, err = ui.indicatorRows(ctx, t.Strategy.ID, t.Indicators, t.Nodes)
	return err
}

// activityIndicators lists on the activity page what its goal and direction are measured by.
func (ui *UI) activityIndicators(ctx context.Context, p *planActivityPage) error {
	t, err := ui.Plans.StrategyTree(ctx, p.S.ID)
	if err != nil {
		return err
	}
	p.Indicators, err = ui.indicatorRows(ctx, t.Strategy.ID, ancestorIndicators(t, p.N), t.Nodes)
	return err
}

// IndicatorList and NewIndicatorForm let the shared partials show the tree page's parts.
func (p planTreePage) IndicatorList() indicatorListView {
	return indicatorListView{p.planPage, p.Indicators, p.L.T("indicator.list.caption")}
}

func (p planTreePage) NewIndicatorForm() indicatorFormView {
	var nodes []plan.Node
	for _, b := range p.Branches {
		nodes = append(nodes, b.N)
	}
	return indicatorFormView{planPage: p.planPage, In: p.NewIndicator, Form: p.IndicatorForm, Nodes: nodes}
}

// IndicatorMessage shows the new-indicator form's problems with the shared partial.
func (p planTreePage) IndicatorMessage() formMessageView {
	return formMessageView{p.L, p.IndicatorForm}
}

func (p planActivityPage) IndicatorList() indicatorListView {
	return indicatorListView{p.planPage, p.Indicators, p.L.T("indicator.list.activity_caption")}
}
