package web

import (
	"context"
	"html/template"
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/chart"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// municipalityEServicesPage is one municipality's row of the matrix: its services by area,
// and how its median level compares with its peers'.
type municipalityEServicesPage struct {
	esPage
	M       municipality.Municipality
	Summary eserviceSummary
	Peers   []peerView
	Groups  []municipalityAreaRows
	CanEdit bool
	History []eservice.MonthValue // median level at each monthly snapshot
	Chart   template.HTML
}

type peerView struct {
	Label  string
	Count  int
	Median float64
}

type municipalityAreaRows struct {
	Area string
	Rows []serviceCellRow
}

type serviceCellRow struct {
	S eservice.Service
	C eservice.Cell
}

func (r serviceCellRow) Class() string { return cellClass(r.C) }
func (r serviceCellRow) Text() string  { return cellText(r.C) }

// eserviceSummary is the short version on the municipality's own page. It reads only the
// municipality's cells: the peer comparison needs every cell and lives on its own page.
type eserviceSummary struct {
	Stats         eservice.MunicipalityStats
	Filled, Total int
}

func (ui *UI) eserviceSummaryOf(ctx context.Context, ehak string) (eserviceSummary, error) {
	services, err := ui.Services.ListServices(ctx, false)
	if err != nil {
		return eserviceSummary{}, err
	}
	cells, err := ui.Services.Cells(ctx, eservice.CellFilter{MunicipalityEHAK: ehak})
	if err != nil {
		return eserviceSummary{}, err
	}
	return summaryOf(eservice.NewGrid(cells), ehak, services), nil
}

func summaryOf(g eservice.Grid, ehak string, services []eservice.Service) eserviceSummary {
	sum := eserviceSummary{Stats: g.MunicipalityStatsOf(ehak, services), Total: len(services)}
	for _, s := range services {
		if _, ok := g[ehak][s.Code]; ok {
			sum.Filled++
		}
	}
	return sum
}

func (ui *UI) municipalityEServices(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	m, err := ui.Municipalities.Municipality(ctx, r.PathValue("ehak"))
	if err != nil {
		return err
	}
	services, err := ui.Services.ListServices(ctx, false)
	if err != nil {
		return err
	}
	all, err := ui.everyMunicipality(ctx)
	if err != nil {
		return err
	}
	// Its own row by the primary key and its peers' medians from the kept levels: a large
	// country's cells are not kept whole.
	cells, err := ui.Services.Cells(ctx, eservice.CellFilter{MunicipalityEHAK: m.EHAK})
	if err != nil {
		return err
	}
	g := eservice.NewGrid(cells)
	list, err := ui.Services.MunicipalityStats(ctx, ehaksOf(all), services)
	if err != nil {
		return err
	}
	stats := make(map[string]eservice.MunicipalityStats, len(list))
	for _, st := range list {
		stats[st.EHAK] = st
	}
	p := municipalityEServicesPage{esPage: esPage{ui.page(r, "")}, M: m, Summary: summaryOf(g, m.EHAK, services),
		CanEdit: auth.Allowed(auth.CanEditMunicipality(auth.UserFrom(ctx), m.EHAK))}
	p.Title, p.Nav = p.L.T("eservice.municipality.title", "Name", m.Name), "eservices"
	for _, gr := range peerGroupsOf(p.L, m, all) {
		p.Peers = append(p.Peers, peerView{Label: gr.label, Count: len(gr.ms), Median: eservice.MedianOfStats(gr.ms, stats)})
	}
	for _, sg := range groupByArea(services) {
		rows := municipalityAreaRows{Area: sg.Area}
		for _, s := range sg.Services {
			rows.Rows = append(rows.Rows, serviceCellRow{S: s, C: g.Cell(m.EHAK, s.Code)})
		}
		p.Groups = append(p.Groups, rows)
	}
	months, err := ui.Services.SnapshotMonths(ctx)
	if err != nil {
		return err
	}
	snaps, err := ui.Services.MunicipalitySnapshots(ctx, m.EHAK)
	if err != nil {
		return err
	}
	p.History = eservice.MedianHistory(months, snaps, services)
	p.Chart = p.medianChart()
	ui.render(w, r, http.StatusOK, "eservice/municipality", p)
	return nil
}

// medianChart draws the municipality's median level over the monthly snapshots.
func (p municipalityEServicesPage) medianChart() template.HTML {
	if len(p.History) == 0 {
		return ""
	}
	s := chart.Series{Name: p.L.T("eservice.municipality.median_series")}
	for _, h := range p.History {
		s.Points = append(s.Points, chart.Point{At: h.Month, Value: h.Value})
	}
	return chart.Line(chart.LineChart{ID: "median", Title: p.L.T("eservice.municipality.history", "Name", p.M.Name),
		Desc: p.L.T("eservice.municipality.history_desc", "Months", len(p.History)), Min: 0, Max: 5,
		FormatX: p.Month, FormatY: func(v float64) string { return p.L.Num(v, 1) }, Series: []chart.Series{s}})
}
