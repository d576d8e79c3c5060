package web

import (
	"html/template"
	"net/http"

	"kovit/internal/chart"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

type mapPage struct {
	esPage
	Services []eservice.Service
	Service  *eservice.Service // nil: the map shows each municipality's median level
	Scale    eservice.Scale
	Rows     []mapRow
	Map      template.HTML // empty when kovit has no boundaries
}

// mapRow is one municipality in the table that stands beside the map.
type mapRow struct {
	M      municipality.Municipality
	Class  string
	Value  string // the level, or the median level
	Href   string
	Filled bool
}

func (ui *UI) eserviceMap(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	services, err := ui.Services.ListServices(ctx, false)
	if err != nil {
		return err
	}
	p := mapPage{esPage: esPage{ui.page(r, "eservice.map.title")}, Services: services}
	p.Nav = "eservices"
	var f eservice.CellFilter
	if code := r.URL.Query().Get("service"); code != "" {
		s, err := ui.Services.Service(ctx, code)
		if err != nil {
			return err
		}
		p.Service, f.ServiceCode = &s, code
		p.Title = p.L.T("eservice.map.title_service", "Name", s.Name(p.L.Lang))
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return err
	}
	cells, err := ui.Services.Cells(ctx, f)
	if err != nil {
		return err
	}
	if p.Scale, err = ui.Services.Scale(ctx); err != nil {
		return err
	}
	g := eservice.NewGrid(cells)
	opts := chart.MapOptions{ID: "map", Title: p.Title, Desc: p.L.T("eservice.map.desc"),
		Fill: map[string]string{}, Label: map[string]string{}, Link: map[string]string{}}
	for _, m := range ms {
		row := mapRow{M: m, Href: "/municipalities/" + m.EHAK + "/eservices"}
		if p.Service != nil {
			c := g.Cell(m.EHAK, p.Service.Code)
			row.Class, row.Value, row.Filled = cellClass(c), cellText(c), c.Version > 0
			row.Href = "/eservices/" + m.EHAK + "/" + p.Service.Code
			if row.Filled && c.Offering != eservice.NotApplicable {
				opts.Fill[m.EHAK] = chart.LevelColour(c.Level)
			}
		} else {
			_, filled := g[m.EHAK]
			median := g.MunicipalityStatsOf(m.EHAK, services).Median
			row.Class, row.Value, row.Filled = p.MedianClass(median), p.Median(median), filled
			if filled {
				opts.Fill[m.EHAK] = chart.LevelColour(int(median))
			} else {
				row.Class, row.Value = "lvl-no", "?"
			}
		}
		opts.Label[m.EHAK] = m.Name + ": " + p.mapLabel(row)
		opts.Link[m.EHAK] = row.Href
		p.Rows = append(p.Rows, row)
	}
	if ui.Map != nil {
		p.Map = ui.Map.Render(opts)
	}
	ui.render(w, r, http.StatusOK, "eservice/map", p)
	return nil
}

// mapLabel says in words what a shape's colour means, for its tooltip and accessible name.
func (p mapPage) mapLabel(row mapRow) string {
	switch {
	case !row.Filled:
		return p.L.T("eservice.cell.unfilled")
	case row.Class == "lvl-na":
		return p.L.T("eservice.offering.not_applicable")
	case p.Service != nil:
		return p.L.T("eservice.map.level", "Level", row.Value)
	}
	return p.L.T("eservice.map.median", "Median", row.Value)
}
