package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"

	"kovit/internal/chart"
	"kovit/internal/edemocracy"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// edemocracyMapPage is the municipalities' e-democracy practice on the map the e-service
// matrix uses: by how many of the practices each has, or by whether it has one.
type edemocracyMapPage struct {
	Page
	Measure  string // "" for the count of practices
	Measures []string
	Legend   []legendItem
	Rows     []practiceMapRow
	Map      template.HTML // empty when kovit has no boundaries
}

// legendItem is one colour of the map and what it means.
type legendItem struct{ Class, Mark, Text string }

// practiceMapRow is one municipality in the table beside the map.
type practiceMapRow struct {
	M            municipality.Municipality
	Class, Value string
}

// practiceClass is a practice's colour class and its text: the count of practices
// (0–5, where 5 stands for five or more), or yes and no for one measure.
func (p edemocracyMapPage) practiceClass(pr edemocracy.Practice) (class, value string) {
	if pr.Version == 0 {
		return "lvl-no", "?"
	}
	if p.Measure == "" {
		n := pr.Score()
		return "lvl-" + strconv.Itoa(min(n, 5)), p.L.Int(n)
	}
	if pr.Has(p.Measure) {
		return "lvl-4", p.L.T("edemocracy.yes")
	}
	return "lvl-0", p.L.T("edemocracy.no")
}

// legend lists the colours the page's map uses.
func (p edemocracyMapPage) legend() []legendItem {
	var out []legendItem
	if p.Measure == "" {
		for n := 0; n <= 5; n++ {
			mark := p.L.Int(n)
			if n == 5 {
				mark += "–" + p.L.Int(len(edemocracy.Measures)) // the palette has six steps, the count seven values
			}
			out = append(out, legendItem{"lvl-" + strconv.Itoa(n), p.L.Int(n), p.L.T("edemocracy.map.count_legend", "Mark", mark)})
		}
	} else {
		out = append(out, legendItem{"lvl-4", "✓", p.L.T("edemocracy.yes")}, legendItem{"lvl-0", "–", p.L.T("edemocracy.no")})
	}
	return append(out, legendItem{"lvl-no", "?", p.L.T("edemocracy.not_entered")})
}

// everyPractice is every municipality, every entered practice, and those by municipality.
func (ui *UI) everyPractice(ctx context.Context) ([]municipality.Municipality, []edemocracy.Practice, map[string]edemocracy.Practice, error) {
	practices, err := ui.EDemocracy.EDemocracyPractices(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	by := make(map[string]edemocracy.Practice, len(practices))
	for _, pr := range practices {
		by[pr.MunicipalityEHAK] = pr
	}
	return ms, practices, by, nil
}

func (ui *UI) edemocracyMap(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := edemocracyMapPage{Page: ui.page(r, "edemocracy.map.title"), Measure: r.URL.Query().Get("measure"), Measures: edemocracy.Measures}
	p.Nav = "edemocracy"
	if p.Measure != "" && !edemocracy.MeasureValid(p.Measure) {
		var pr kovit.Problems
		pr.Add("measure", "edemocracy.error.measure")
		return pr.Err()
	}
	if p.Measure != "" {
		p.Title = p.L.T("edemocracy.map.title_measure", "Measure", p.L.T("edemocracy.measure."+p.Measure))
	}
	ms, _, by, err := ui.everyPractice(ctx)
	if err != nil {
		return err
	}
	opts := chart.MapOptions{ID: "map", Title: p.Title, Desc: p.L.T("edemocracy.map.desc"),
		Fill: map[string]string{}, Label: map[string]string{}, Link: map[string]string{}}
	for _, m := range ms {
		pr := by[m.EHAK]
		row := practiceMapRow{M: m}
		row.Class, row.Value = p.practiceClass(pr)
		if pr.Version > 0 {
			level, _ := strconv.Atoi(row.Class[len("lvl-"):])
			opts.Fill[m.EHAK] = chart.LevelColour(level)
		}
		opts.Label[m.EHAK] = m.Name + ": " + row.Value
		opts.Link[m.EHAK] = "/municipalities/" + m.EHAK + "/edemocracy"
		p.Rows = append(p.Rows, row)
	}
	p.Legend = p.legend()
	if ui.Map != nil {
		p.Map = ui.Map.Render(opts)
	}
	ui.render(w, r, http.StatusOK, "edemocracy/map", p)
	return nil
}
