package web

import (
	"html/template"
	"slices"
	"time"

	"kovit/internal/chart"
	"kovit/internal/plan"
)

// chartRow is one date of the table beside the chart: the measured national figure, the
// baseline or a target, as far as each falls on that date.
type chartRow struct {
	Date     time.Time
	Value    *float64
	Baseline bool
	Target   *float64
}

// chartRows lists what the chart draws, by date, so a screen reader gets it all.
func chartRows(ind plan.Indicator, series []plan.Point) []chartRow {
	var rows []chartRow
	if b := ind.Baseline; b != nil {
		rows = append(rows, chartRow{Date: b.Date, Value: &b.Value, Baseline: true})
	}
	for _, pt := range series {
		rows = append(rows, chartRow{Date: pt.Date, Value: &pt.Value})
	}
	for _, t := range ind.Targets {
		k := slices.IndexFunc(rows, func(r chartRow) bool { return !r.Baseline && r.Target == nil && r.Date.Equal(t.Date) })
		if k < 0 {
			rows = append(rows, chartRow{Date: t.Date})
			k = len(rows) - 1
		}
		rows[k].Target = &t.Value
	}
	slices.SortStableFunc(rows, func(a, b chartRow) int { return a.Date.Compare(b.Date) })
	return rows
}

// indicatorChart draws the national figure against the baseline and the targets, each
// target a ringed point at its date; "" when there is nothing to draw.
func (p planIndicatorPage) indicatorChart(series []plan.Point) template.HTML {
	rows := chartRows(p.I, series)
	if len(rows) == 0 {
		return ""
	}
	name, _ := p.I.Name(p.L.Lang)
	c := chart.LineChart{ID: "indicator", Title: p.L.T("indicator.chart.title", "Name", name),
		Desc:    p.L.T("indicator.chart.desc", "Count", len(series), "Targets", len(p.I.Targets), "Better", p.BetterText(p.I.Better)),
		FormatX: p.L.Date, FormatY: func(v float64) string { return p.Amount(v) }, YUnit: p.I.Unit}
	lo, hi := 0.0, 0.0
	for _, r := range rows {
		for _, v := range []*float64{r.Value, r.Target} {
			if v != nil {
				lo, hi = min(lo, *v), max(hi, *v)
			}
		}
	}
	if hi <= lo {
		hi = lo + 1
	}
	c.Min, c.Max = lo, hi+(hi-lo)*0.1
	actual := chart.Series{Name: p.L.T("indicator.chart.actual")}
	for _, pt := range series {
		actual.Points = append(actual.Points, chart.Point{At: pt.Date, Value: pt.Value})
	}
	c.Series = append(c.Series, actual)
	if b := p.I.Baseline; b != nil {
		c.Series = append(c.Series, chart.Series{Name: p.L.T("indicator.field.baseline"),
			Points: []chart.Point{{At: b.Date, Value: b.Value}}})
	}
	for _, t := range p.I.Targets {
		c.Targets = append(c.Targets, chart.Target{Label: p.L.T("indicator.chart.target"), Value: t.Value, At: t.Date})
	}
	return chart.Line(c)
}
