package web

import (
	"html/template"
	"net/http"
	"time"

	"kovit/internal/auth"
	"kovit/internal/chart"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

type servicePage struct {
	esPage
	S           eservice.Service
	Scale       eservice.Scale
	Stats       eservice.ServiceStats
	Rows        []serviceRow
	K, Target   int
	History     []eservice.MonthShare
	Chart       template.HTML
	Forecast    eservice.Forecast
	CanForecast bool // there are enough months of history
	CanManage   bool
	Pager       Pager
}

type serviceRow struct {
	M municipality.Municipality
	C eservice.Cell
}

func (r serviceRow) Class() string { return cellClass(r.C) }
func (r serviceRow) Text() string  { return cellText(r.C) }

// MinPoints is how many months a forecast needs.
func (p servicePage) MinPoints() int { return eservice.MinForecastPoints }

func (ui *UI) eserviceShow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	s, err := ui.Services.Service(ctx, r.PathValue("code"))
	if err != nil {
		return err
	}
	scale, err := ui.Services.Scale(ctx)
	if err != nil {
		return err
	}
	var p kovit.Problems
	q := r.URL.Query()
	k := boundedInt(q.Get("k"), min(eservice.Online, scale.Max()), 1, max(scale.Max(), 1), "k", &p)
	target := boundedInt(q.Get("target"), 80, 1, 100, "target", &p)
	at := readPage(q, municipality.MaxLimit, &p)
	if err := p.Err(); err != nil {
		return err
	}
	// Every municipality counts in the history; the list shows a page of them (a large
	// country's 10,800, 500 a page; Estonia's 79 fit one).
	every, err := ui.everyMunicipality(ctx)
	if err != nil {
		return err
	}
	ms := pageOf(every, at.Offset, at.Limit)
	cells, err := ui.Services.Cells(ctx, eservice.CellFilter{ServiceCode: s.Code})
	if err != nil {
		return err
	}
	months, err := ui.Services.SnapshotMonths(ctx)
	if err != nil {
		return err
	}
	snaps, err := ui.Services.Snapshots(ctx, s.Code)
	if err != nil {
		return err
	}
	// The national figures from the kept totals, not from the page of municipalities.
	totals, err := ui.Services.Totals(ctx)
	if err != nil {
		return err
	}
	all, err := ui.Municipalities.Stats(ctx)
	if err != nil {
		return err
	}
	g := eservice.NewGrid(cells)
	history, _ := eservice.AdoptionOf(months, snaps, every, []int{k})
	pg := servicePage{esPage: esPage{ui.page(r, "")}, S: s, Scale: scale, Stats: totals.StatsOf(s.Code, all.Municipalities, all.Population), K: k, Target: target,
		History: history[0].Items, Pager: newPager(r.URL.Path, q, len(every), at.Limit, at.Offset), CanManage: auth.Allowed(auth.CanEditNational(auth.UserFrom(ctx)))}
	pg.Title, pg.Nav = s.Name(pg.L.Lang), "eservices"
	for _, m := range ms {
		pg.Rows = append(pg.Rows, serviceRow{M: m, C: g.Cell(m.EHAK, s.Code)})
	}
	pg.Forecast, pg.CanForecast = eservice.ForecastShare(pg.History, float64(target)/100)
	pg.Chart = pg.adoptionChart()
	ui.render(w, r, http.StatusOK, "eservice/service", pg)
	return nil
}

// adoptionChart draws the history with the target and, when there is one, the forecast's
// range as a shaded band from the last month to the earliest and latest dates.
func (p servicePage) adoptionChart() template.HTML {
	if len(p.History) == 0 {
		return ""
	}
	c := chart.LineChart{ID: "adoption", Title: p.L.T("eservice.history.chart", "K", p.K),
		Desc: p.L.T("eservice.history.chart_desc", "K", p.K, "Months", len(p.History)), Min: 0, Max: 100,
		FormatX: p.Month, FormatY: func(v float64) string { return p.L.Percent(v, 0) }}
	s := chart.Series{Name: p.L.T("eservice.history.series", "K", p.K)}
	for _, h := range p.History {
		s.Points = append(s.Points, chart.Point{At: h.Month, Value: h.Share * 100})
	}
	c.Series = append(c.Series, s)
	c.Targets = []chart.Target{{Label: p.L.T("eservice.history.target", "Target", p.TargetText()), Value: float64(p.Target)}}
	last := s.Points[len(s.Points)-1]
	f := p.Forecast
	if p.CanForecast && !f.Reached && f.Likely != nil {
		at := func(t *time.Time) chart.Point { return chart.Point{At: *t, Value: float64(p.Target)} }
		c.Series = append(c.Series, chart.Series{Name: p.L.T("eservice.forecast.trend"), Dashed: true, Points: []chart.Point{last, at(f.Likely)}})
		if f.Earliest != nil && f.Latest != nil {
			c.Band = &chart.Band{Label: p.L.T("eservice.forecast.band"), From: []chart.Point{last, at(f.Latest)}, To: []chart.Point{last, at(f.Earliest)}}
		}
	}
	return chart.Line(c)
}

// TargetText is the target as a percentage, for messages.
func (p servicePage) TargetText() string { return p.L.PercentInt(p.Target) }

// LastMonth is the newest month of history.
func (p servicePage) LastMonth() string {
	if len(p.History) == 0 {
		return ""
	}
	return p.Month(p.History[len(p.History)-1].Month)
}

// MonthOf formats an optional forecast date.
func (p servicePage) MonthOf(t *time.Time) string {
	if t == nil {
		return ""
	}
	return p.Month(*t)
}

// SlopePoints is the trend in percentage points a month.
func (p servicePage) SlopePoints() string { return p.L.Num(p.Forecast.Slope*100, 1) }

// Levels are the levels k may be, for the chart's choice.
func (p servicePage) Levels() []eservice.Level {
	var out []eservice.Level
	for _, l := range p.Scale {
		if l.Number > 0 {
			out = append(out, l)
		}
	}
	return out
}
