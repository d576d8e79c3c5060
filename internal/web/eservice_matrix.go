package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// matrixFilter narrows the matrix: county, type and band choose rows (the store sorts and
// filters by county and type), area and life event choose columns.
type matrixFilter struct {
	municipality.Filter
	Band, Area, LifeEvent string
}

func parseMatrixFilter(q url.Values) (matrixFilter, error) {
	var p kovit.Problems
	s, pg := readSort(q, &p), readPage(q, municipality.MaxLimit, &p)
	f := matrixFilter{
		Filter: municipality.Filter{CountyEHAK: q.Get("county"), Type: municipality.Type(q.Get("type")),
			Sort: s.Field, Desc: s.Desc, Limit: pg.Limit, Offset: pg.Offset},
		Band: q.Get("band"), Area: q.Get("area"), LifeEvent: q.Get("life_event"),
	}
	if f.Band != "" && !slices.ContainsFunc(eservice.Bands, func(b eservice.Band) bool { return b.Key == f.Band }) {
		p.Add("band", "eservice.error.band")
	}
	if err := f.Filter.Validate(); err != nil {
		p = append(p, kovit.FieldsOf(err)...)
	}
	return f, p.Err()
}

// matrixRow is one municipality's row; cells follow the page's Services.
type matrixRow struct {
	M     municipality.Municipality
	Cells template.HTML
	Stats eservice.MunicipalityStats
}

// matrixCells writes a row's cells, e.g. <td class="lvl-3"><a href="/eservices/0793/SOC-001">3</a></td>.
// A full matrix has thousands of cells; writing them here, rather than with a template
// action per cell, cuts the page's rendering time several times over.
func matrixCells(g eservice.Grid, ehak string, services []eservice.Service) template.HTML {
	var b strings.Builder
	b.Grow(len(services) * 56)
	prefix := `"><a href="/eservices/` + template.HTMLEscapeString(url.PathEscape(ehak)) + "/"
	for _, s := range services {
		c := g.Cell(ehak, s.Code)
		b.WriteString(`<td class="`)
		b.WriteString(cellClass(c))
		b.WriteString(prefix)
		b.WriteString(template.HTMLEscapeString(url.PathEscape(s.Code)))
		b.WriteString(`">`)
		b.WriteString(cellText(c))
		b.WriteString(`</a></td>`)
	}
	return template.HTML(b.String())
}

type matrixPage struct {
	esPage
	sortState
	Filter      matrixFilter
	Query       url.Values
	Counties    []municipality.County
	Areas       []string // every area and life event, for the filter choices
	LifeEvents  []string
	Groups      []serviceGroup // the columns, by area
	Services    []eservice.Service
	Stats       []eservice.ServiceStats // per column
	Rows        []matrixRow
	Scale       eservice.Scale
	Filled      int // cells filled in anywhere, to tell an empty matrix from a filtered one
	Filtered    bool
	CanSnapshot bool
	CanImport   bool
	Months      []string // snapshot months, for coordinators
	Pager       Pager    // a large country's rows, 500 a page; Estonia's fit one
}

func (ui *UI) eserviceMatrix(w http.ResponseWriter, r *http.Request) error {
	ctx, q := r.Context(), r.URL.Query()
	f, err := parseMatrixFilter(q)
	if err != nil {
		return err
	}
	every, err := ui.matrixRowsOf(ctx, f)
	if err != nil {
		return err
	}
	ms := pageOf(every, f.Offset, f.Limit)
	all, err := ui.Services.ListServices(ctx, false)
	if err != nil {
		return err
	}
	totals, err := ui.Services.Totals(ctx)
	if err != nil {
		return err
	}
	scale, err := ui.Services.Scale(ctx)
	if err != nil {
		return err
	}
	counties, err := ui.Municipalities.ListCounties(ctx)
	if err != nil {
		return err
	}
	p := matrixPage{esPage: esPage{ui.page(r, "eservice.matrix.title")}, sortState: sortState{"/eservices", q, f.Sort, f.Desc},
		Filter: f, Query: q, Counties: counties,
		Scale: scale, Filled: totals.Filled, Filtered: f.CountyEHAK != "" || f.Type != "" || f.Band != "",
		Pager: newPager("/eservices", q, len(every), f.Limit, f.Offset)}
	p.Nav = "eservices"
	var shown []eservice.Service
	for _, s := range all {
		if !slices.Contains(p.Areas, s.Area) {
			p.Areas = append(p.Areas, s.Area)
		}
		if !slices.Contains(p.LifeEvents, s.LifeEvent) && s.LifeEvent != "" {
			p.LifeEvents = append(p.LifeEvents, s.LifeEvent)
		}
		if (f.Area == "" || s.Area == f.Area) && (f.LifeEvent == "" || s.LifeEvent == f.LifeEvent) {
			shown = append(shown, s)
		}
	}
	slices.Sort(p.LifeEvents)
	p.Services, p.Groups = shown, groupByArea(shown)
	// Only the cells shown: a large country's region page reads some 35,000 of them, never
	// the 6.5 million.
	// A filtered set over several pages (a large country's region of some 700) is read
	// into one grid, which gives the page's rows and the whole set's figures per service.
	whole := p.Pager.Paged() && p.Filtered && len(every)*len(shown) <= maxMatrixGridCells
	key := matrixKey(ms, shown)
	if whole {
		var b strings.Builder
		b.WriteString(key)
		b.WriteString("|every:")
		writeRowsKey(&b, every)
		key = b.String()
	}
	// Totals was read before the grid, so the grid is at least as new as the version the
	// parts are kept under.
	parts, err := ui.matrixMemo.get(totals.Version, key, func() (*matrixParts, error) {
		gridRows := ms
		if whole {
			gridRows = every
		}
		g, err := ui.Services.LevelGrid(ctx, ehaksOf(gridRows), codesOf(shown))
		if err != nil {
			return nil, err
		}
		parts := newMatrixParts(g, ms, shown)
		if whole {
			parts.every = newStats(shown)
			parts.every = finishStats(parts.every, addStats(parts.every, g, every, shown))
		}
		return parts, nil
	})
	if err != nil {
		return err
	}
	p.Stats = parts.stats
	switch {
	case whole:
		p.Stats = parts.every
	case p.Pager.Paged():
		if p.Stats, err = ui.matrixPagedStats(ctx, every, shown, totals, p.Filtered); err != nil {
			return err
		}
	}
	p.Rows = make([]matrixRow, len(ms))
	for i, m := range ms {
		p.Rows[i] = matrixRow{M: m, Stats: parts.mstats[i], Cells: parts.cells[i]}
	}
	p.CanImport = auth.Allowed(auth.CanImport(p.User))
	if auth.Allowed(auth.CanEditNational(p.User)) {
		p.CanSnapshot = true
		if p.Months, err = ui.Services.SnapshotMonths(ctx); err != nil {
			return err
		}
	}
	ui.render(w, r, http.StatusOK, "eservice/matrix", p)
	return nil
}

// ExportLink is the matrix as shown, in format (csv or xlsx).
func (p matrixPage) ExportLink(format string) string {
	if len(p.Query) == 0 {
		return "/eservices/matrix." + format
	}
	return "/eservices/matrix." + format + "?" + p.Query.Encode()
}

// LastMonth is the newest snapshot's month, or "".
func (p matrixPage) LastMonth() string {
	if len(p.Months) == 0 {
		return ""
	}
	last := p.Months[len(p.Months)-1]
	if t, err := time.Parse("2006-01", last); err == nil {
		return p.Month(t)
	}
	return last
}
