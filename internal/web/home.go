package web

import (
	"context"
	"html/template"
	"net/http"
	"time"

	"kovit/internal/chart"
	"kovit/internal/eservice"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// homePage is the public home page: the state of things, each figure computed from the
// data as the public may read it, whoever asks, so one copy serves every anonymous
// visitor from the microcache.
type homePage struct {
	planPage
	Stats    municipality.Stats
	Spread   homeSpread
	Strategy *homeStrategy // nil before any strategy is adopted
	Needs    homeNeeds
	Changes  []homeChange
}

// homeSpread is the e-services' spread now and over the last year's snapshots.
type homeSpread struct {
	Filled  int // cells filled in: none means nothing to report yet
	Now     eservice.MonthShare
	History []eservice.MonthShare
	Spark   template.HTML
}

type homeStrategy struct {
	S plan.Strategy
	plan.Summary
}

// homeNeeds is what is published of the needs module: the consolidated needs with what
// they ask for, and the support measures not closed with what they have.
type homeNeeds struct {
	Consolidated, Measures int
	Requested, Available   kovit.Money
}

// sparkMonths is how many monthly snapshots the sparkline shows.
const sparkMonths = 12

func (ui *UI) home(w http.ResponseWriter, r *http.Request) error {
	p := homePage{planPage: planPage{ui.page(r, "home.title")}}
	p.Nav = "home"
	if err := ui.homeFigures(r.Context(), &p); err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "home", p)
	return nil
}

// WarmHome reads what the home page shows without showing it, so that the kept copies
// it reads (municipalities, totals, tallies, the current strategy's tree, the needs) are
// read before the process says it is ready: on a large country the first home page
// otherwise took some 2 s reading them.
func (ui *UI) WarmHome(ctx context.Context) error {
	var p homePage
	p.L = ui.Catalog.Printer(i18n.Languages[0]) // Estonian, as a first visitor gets it
	return ui.homeFigures(ctx, &p)
}

// homeFigures reads everything the home page shows into p, whose printer is set.
func (ui *UI) homeFigures(ctx context.Context, p *homePage) error {
	var err error
	if p.Stats, err = ui.Municipalities.Stats(ctx); err != nil {
		return err
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return err
	}
	services, err := ui.Services.ListServices(ctx, false)
	if err != nil {
		return err
	}
	if p.Spread, err = ui.homeSpread(ctx, services, p.L.T("home.spread.spark")); err != nil {
		return err
	}
	if p.Strategy, err = ui.homeStrategy(ctx); err != nil {
		return err
	}
	cs, measures, err := ui.publishedNeeds(ctx)
	if err != nil {
		return err
	}
	p.Needs = summarizeNeeds(cs, measures)
	shown := changeRecords{lang: p.L.Lang, municipalities: ms, services: services, consolidated: cs, measures: measures}
	p.Changes, err = ui.publicChanges(ctx, shown)
	return err
}

func (ui *UI) homeSpread(ctx context.Context, services []eservice.Service, sparkTitle string) (homeSpread, error) {
	var out homeSpread
	// From the kept totals, not every cell: a large country's cells are not kept. Every
	// municipality counts, also past the list's page of 500.
	t, err := ui.Services.Totals(ctx)
	if err != nil {
		return out, err
	}
	st, err := ui.Municipalities.Stats(ctx)
	if err != nil {
		return out, err
	}
	ms := st.Municipalities
	out.Filled, out.Now = t.Filled, t.Spread(ms, services)
	months, err := ui.Services.SnapshotMonths(ctx)
	if err != nil || len(months) == 0 {
		return out, err
	}
	months = months[max(len(months)-sparkMonths, 0):]
	tallies, err := ui.Services.SnapshotTallies(ctx, months[0])
	if err != nil {
		return out, err
	}
	out.History = eservice.SpreadHistory(months, tallies, ms, services)
	values := make([]float64, len(out.History))
	for i, m := range out.History {
		values[i] = m.Share
	}
	out.Spark = chart.Sparkline(chart.Spark{ID: "spread-spark", Title: sparkTitle, Values: values})
	return out, nil
}

// homeStrategy is the current strategy (plan.Current) of those the public may read, with
// its public tree's summary.
func (ui *UI) homeStrategy(ctx context.Context) (*homeStrategy, error) {
	list, _, err := ui.Plans.ListStrategies(ctx, plan.Readable(false, nil))
	if err != nil {
		return nil, err
	}
	now := ui.Now().In(kovit.Estonia)
	s, ok := plan.Current(list, now)
	if !ok {
		return nil, nil
	}
	t, err := ui.Plans.StrategyTree(ctx, s.ID)
	if err != nil {
		return nil, err
	}
	return &homeStrategy{S: s, Summary: plan.Summarize(t.Public(), now)}, nil
}

// publishedNeeds are the consolidated needs and measures the public may read, as their
// list pages show them.
func (ui *UI) publishedNeeds(ctx context.Context) ([]need.Consolidated, []need.Measure, error) {
	public := homeScope().PublishedOnly()
	cs, err := ui.Needs.ListConsolidated(ctx, need.ConsolidatedFilter{PublishedOnly: public})
	if err != nil {
		return nil, nil, err
	}
	ms, err := ui.Needs.ListMeasures(ctx, need.MeasureFilter{PublishedOnly: public})
	return cs, ms, err
}

func summarizeNeeds(cs []need.Consolidated, ms []need.Measure) homeNeeds {
	out := homeNeeds{Consolidated: len(cs)}
	for _, c := range cs {
		out.Requested += c.Figures.CostTotal
	}
	for _, m := range ms {
		if m.Status != need.MeasureClosed {
			out.Measures++
			out.Available += m.Budget
		}
	}
	return out
}

// Money shows an amount as the needs pages do.
func (p homePage) Money(m kovit.Money) string { return needPage{Page: p.Page}.Money(m) }

// Share is a share (0..1) as a whole percentage.
func (p homePage) Share(share float64) string { return p.L.Percent(float64(p.Whole(share)), 0) }

// Month names a snapshot month, e.g. 11.2026.
func (p homePage) Month(t time.Time) string { return esPage{p.Page}.Month(t) }
