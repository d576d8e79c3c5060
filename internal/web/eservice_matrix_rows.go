package web

import (
	"context"
	"slices"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// matrixRowsOf is every municipality the matrix's filter chooses, past the list's page of
// 500: a large country's region has some 700, and the page shows them a page at a time
// (its figures per service still count them all). The band is not a list filter, so it is
// applied here, before paging, or a page would come up short.
func (ui *UI) matrixRowsOf(ctx context.Context, f matrixFilter) ([]municipality.Municipality, error) {
	lf := f.Filter
	lf.Limit, lf.Offset = municipality.MaxLimit, 0
	var out []municipality.Municipality
	for {
		page, total, err := ui.Municipalities.ListMunicipalities(ctx, lf)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		lf.Offset += len(page)
		if len(page) == 0 || lf.Offset >= total {
			break
		}
	}
	if f.Band != "" {
		out = slices.DeleteFunc(out, func(m municipality.Municipality) bool { return eservice.BandOf(m.Population) != f.Band })
	}
	return out, nil
}

// maxMatrixGridCells bounds the grid the matrix page reads to count a filtered set's
// figures at once (a region of 700 × one area is some 50,000 cells); a larger set is
// counted a page at a time (matrixStatsOver).
const maxMatrixGridCells = 250_000

// pageOf is the rows from offset, at most limit of them.
func pageOf[T any](all []T, offset, limit int) []T {
	from := min(offset, len(all))
	return all[from:min(from+limit, len(all))]
}

// matrixStatsOver counts each service's figures over every municipality in ms, a page of
// them at a time, so that no grid holds more than a page's cells of a large country.
func (ui *UI) matrixStatsOver(ctx context.Context, ms []municipality.Municipality, services []eservice.Service) ([]eservice.ServiceStats, error) {
	out := newStats(services)
	population := 0
	for from := 0; from < len(ms); from += municipality.MaxLimit {
		chunk := pageOf(ms, from, municipality.MaxLimit)
		g, err := ui.Services.LevelGrid(ctx, ehaksOf(chunk), codesOf(services))
		if err != nil {
			return nil, err
		}
		population += addStats(out, g, chunk, services)
	}
	return finishStats(out, population), nil
}

func newStats(services []eservice.Service) []eservice.ServiceStats {
	out := make([]eservice.ServiceStats, len(services))
	for i, s := range services {
		out[i].Code = s.Code
	}
	return out
}

// addStats counts ms's cells into out as Grid.StatsOf does, a row at a time: looking up
// each municipality's row once rather than once a service was most of a region page's
// figures (BenchmarkCountryPages' profile). It returns ms's residents.
func addStats(out []eservice.ServiceStats, g eservice.Grid, ms []municipality.Municipality, services []eservice.Service) int {
	population := 0
	for _, m := range ms {
		population += m.Population
		row := g[m.EHAK]
		for i, s := range services {
			c, ok := row[s.Code]
			if ok && c.Offering == eservice.NotApplicable {
				continue
			}
			out[i].Applicable++
			if ok && c.Level >= eservice.Online {
				out[i].Online++
				out[i].PopulationOnline += m.Population
			}
		}
	}
	return population
}

func finishStats(out []eservice.ServiceStats, population int) []eservice.ServiceStats {
	for i := range out {
		if out[i].Applicable > 0 {
			out[i].Share = float64(out[i].Online) / float64(out[i].Applicable)
		}
		if population > 0 {
			out[i].PopulationShare = float64(out[i].PopulationOnline) / float64(population)
		}
	}
	return out
}

// matrixPagedStats are the figures per service over every row the filter chose when they
// span several pages: the whole country's from the kept totals, a filtered set's counted.
func (ui *UI) matrixPagedStats(ctx context.Context, every []municipality.Municipality, services []eservice.Service, totals eservice.Totals, filtered bool) ([]eservice.ServiceStats, error) {
	if filtered {
		return ui.matrixStatsOver(ctx, every, services)
	}
	all, err := ui.Municipalities.Stats(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]eservice.ServiceStats, len(services))
	for i, s := range services {
		out[i] = totals.StatsOf(s.Code, all.Municipalities, all.Population)
	}
	return out, nil
}

// Paged reports whether the list spans more than one page or is not at its first, so that
// a list that always fits one page (Estonia's 79 municipalities) shows no pager.
func (p Pager) Paged() bool { return p.Total > p.Limit || p.Offset > 0 }
