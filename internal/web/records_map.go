package web

import (
	"html/template"
	"strconv"

	"kovit/internal/chart"
	"kovit/internal/eservice"
	"kovit/internal/i18n"
)

// recordsStroke outlines the records map's municipalities: #595959 stands 7:1 against the
// white page, so a municipality at level 0 (a pale fill) still reads as a shape.
const recordsStroke = "#595959"

// recordsMap draws the municipalities of the list coloured by their records maturity level,
// the rest of the country grey; the list's table beside it says the same in words. It is
// empty when kovit has no boundaries.
func (ui *UI) recordsMap(p recordsListPage) template.HTML {
	if ui.Map == nil {
		return ""
	}
	opts := chart.MapOptions{ID: "records-map", Title: p.L.T("records.map.title"), Desc: p.L.T("records.map.desc"),
		Stroke: recordsStroke, Fill: map[string]string{}, Label: map[string]string{}, Link: map[string]string{}}
	for _, row := range p.Rows {
		label := p.L.T("records.map.no_data")
		if row.P.Version > 0 {
			opts.Fill[row.M.EHAK] = chart.LevelColour(row.P.Level)
			label = p.L.T("records.map.level", "Level", strconv.Itoa(row.P.Level))
		}
		opts.Label[row.M.EHAK] = row.M.Name + ": " + label
		opts.Link[row.M.EHAK] = "/municipalities/" + row.M.EHAK + "/records"
	}
	return ui.Map.Render(opts)
}

// levelLegend is the legend of a map coloured by maturity level: each level of the scale,
// and the grey of no data, as the "level-legend" partial lists them.
type levelLegend struct {
	L      *i18n.Printer
	Scale  eservice.Scale
	Label  string // the list's accessible name
	NoData string // what grey means
}

// Legend is the records map's legend.
func (p recordsListPage) Legend() levelLegend {
	return levelLegend{p.L, p.Scale, p.L.T("records.map.legend"), p.L.T("records.map.no_data")}
}

// Legend is the e-service map's legend.
func (p mapPage) Legend() levelLegend {
	return levelLegend{p.L, p.Scale, p.L.T("eservice.legend"), p.L.T("eservice.map.no_data")}
}
