package web

import (
	"html/template"
	"strconv"

	"kovit/internal/chart"
	"kovit/internal/survey"
)

// resultChart draws result r by peer group: for a choice or a grid each group's bar split
// by option, in the question's option order; for a scale or a number each group's mean,
// a scale against its top, a number against the largest mean. The table beside it stays
// the figures' accessible form.
func (p surveyResultsPage) resultChart(r survey.Result, i int) template.HTML {
	q, ok := p.S.Question(r.Key)
	if !ok || len(r.Groups) == 0 {
		return ""
	}
	c := chart.BarChart{ID: "chart-" + strconv.Itoa(i), Title: p.L.T("survey.chart_title", "Question", r.Text, "Grouping", p.L.T("survey.grouping."+p.Group)),
		Desc: p.L.T("survey.chart_desc")}
	switch {
	case q.Type.Choice():
		c.Keys = q.Options
		for _, g := range r.Groups {
			total := 0
			for _, o := range q.Options {
				total += g.Counts[o]
			}
			row := chart.BarRow{Label: g.Group}
			for _, o := range q.Options {
				n := g.Counts[o]
				row.Values = append(row.Values, float64(n))
				row.Texts = append(row.Texts, p.L.Int(n)+" ("+p.L.PercentInt(p.Share(n, total))+")")
			}
			c.Rows = append(c.Rows, row)
		}
	case q.Type == survey.Number || q.Type == survey.Scale:
		if q.Type == survey.Scale {
			c.Max = 5
			if q.Max != nil {
				c.Max = *q.Max
			}
		}
		for _, g := range r.Groups {
			if g.Mean != nil {
				c.Rows = append(c.Rows, chart.BarRow{Label: g.Group, Values: []float64{*g.Mean}, Texts: []string{p.Mean(g)}})
			}
		}
	}
	return chart.Bars(c)
}
