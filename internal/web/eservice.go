package web

import (
	"context"
	"math"
	"strconv"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// esPage is the Page of every e-service page, with the formatting those pages share. Area
// and life-event names are catalogue data in Estonian; the English catalogue translates the
// known ones, and a name coordinators add later shows as entered.
type esPage struct {
	Page
}

func (p esPage) Area(area string) string       { return p.dataName("eservice.area.", area) }
func (p esPage) LifeEvent(event string) string { return p.dataName("eservice.life.", event) }

func (p esPage) dataName(prefix, name string) string {
	if name != "" && p.L.Has(prefix+name) {
		return p.L.T(prefix + name)
	}
	return name
}

// Percent shows a share (0..1) as a whole percentage.
func (p esPage) Percent(share float64) string { return p.L.Percent(math.Round(share*100), 0) }

// Median shows a median level with one decimal, as medians of levels are often halves.
func (p esPage) Median(m float64) string { return p.L.Num(m, 1) }

// Month shows the month of t: 03.2027 in Estonian, Mar 2027 in English.
func (p esPage) Month(t time.Time) string {
	if p.L.Lang == "en" {
		return t.Format("Jan 2006")
	}
	return t.Format("01.2006")
}

// MedianClass is the level class of a median level: its whole part, as the map uses.
func (p esPage) MedianClass(m float64) string { return "lvl-" + strconv.Itoa(int(m)) }

// cellClass and cellText say how a matrix cell reads: its level, "?" when never filled in
// and "–" when the service does not apply; the legend explains both marks.
func cellClass(c eservice.Cell) string {
	switch {
	case c.Version == 0:
		return "lvl-no"
	case c.Offering == eservice.NotApplicable:
		return "lvl-na"
	}
	return "lvl-" + strconv.Itoa(c.Level)
}

func cellText(c eservice.Cell) string {
	switch {
	case c.Version == 0:
		return "?"
	case c.Offering == eservice.NotApplicable:
		return "–"
	}
	return strconv.Itoa(c.Level)
}

// serviceGroup is the services of one area, in catalogue order.
type serviceGroup struct {
	Area     string
	Services []eservice.Service
}

// groupByArea relies on ListServices ordering by area.
func groupByArea(services []eservice.Service) []serviceGroup {
	var out []serviceGroup
	for _, s := range services {
		if len(out) == 0 || out[len(out)-1].Area != s.Area {
			out = append(out, serviceGroup{Area: s.Area})
		}
		g := &out[len(out)-1]
		g.Services = append(g.Services, s)
	}
	return out
}

// allMunicipalities is every municipality, by name.
func (ui *UI) allMunicipalities(ctx context.Context) ([]municipality.Municipality, error) {
	ms, _, err := ui.Municipalities.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	return ms, err
}

// everyMunicipality is every municipality, past the list's page size: a large country's
// 10,800 municipalities are all peers of one of them.
func (ui *UI) everyMunicipality(ctx context.Context) ([]municipality.Municipality, error) {
	var out []municipality.Municipality
	for {
		page, total, err := ui.Municipalities.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit, Offset: len(out)})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) == 0 || len(out) >= total {
			return out, nil
		}
	}
}

// boundedInt reads an optional query parameter that must lie in [lo, hi].
func boundedInt(s string, def, lo, hi int, field string, p *kovit.Problems) int {
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		p.Add(field, "eservice.error.range")
		return def
	}
	return n
}

// Bands are the population bands, for filters and peer groups.
func (p esPage) Bands() []eservice.Band { return eservice.Bands }
