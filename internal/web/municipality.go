package web

import (
	"net/http"
	"net/url"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

type municipalityListPage struct {
	Page
	sortState
	Items    []municipalityRow
	Counties []municipality.County
	Filter   municipality.Filter
	Pager    Pager
	Query    url.Values
}

// municipalityRow is a list row with its texts already formatted: the list is the
// busiest page, and each template call per row costs more than doing it here.
type municipalityRow struct {
	EHAK, Name, Type, CountyEHAK, CountyName, Population string
}

func municipalityRows(p Page, ms []municipality.Municipality) []municipalityRow {
	types := map[municipality.Type]string{municipality.City: p.L.T("type.linn"), municipality.Rural: p.L.T("type.vald")}
	rows := make([]municipalityRow, len(ms))
	for i, m := range ms {
		rows[i] = municipalityRow{m.EHAK, m.Name, types[m.Type], m.CountyEHAK, m.CountyName, p.L.Int(m.Population)}
	}
	return rows
}

// ExportLink returns the list's current filter as an export URL of the given format.
func (p municipalityListPage) ExportLink(format string) string {
	q := cloneQuery(p.Query)
	q.Del("offset")
	q.Del("limit")
	return "/municipalities." + format + "?" + q.Encode()
}

func municipalityFilter(q url.Values) (municipality.Filter, error) {
	var p kovit.Problems
	pg, s := readPage(q, 0, &p), readSort(q, &p)
	f := municipality.Filter{
		Q: q.Get("q"), CountyEHAK: q.Get("county"), Type: municipality.Type(q.Get("type")),
		Sort: s.Field, Desc: s.Desc, Limit: pg.Limit, Offset: pg.Offset,
	}
	if err := p.Err(); err != nil {
		return f, err
	}
	return f, f.Validate()
}

func (ui *UI) municipalityList(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := municipalityFilter(q)
	if err != nil {
		return err
	}
	items, total, err := ui.Municipalities.ListMunicipalities(r.Context(), f)
	if err != nil {
		return err
	}
	counties, err := ui.Municipalities.ListCounties(r.Context())
	if err != nil {
		return err
	}
	pg := ui.page(r, "municipalities.title")
	p := municipalityListPage{Page: pg, sortState: sortState{"/municipalities", q, f.Sort, f.Desc}, Items: municipalityRows(pg, items), Counties: counties,
		Filter: f, Query: q, Pager: newPager("/municipalities", q, total, f.Limit, f.Offset)}
	p.Nav = "municipalities"
	ui.render(w, r, http.StatusOK, "municipality/list", p)
	return nil
}

type municipalityPage struct {
	Page
	M          municipality.Municipality
	CanEdit    bool
	CanHistory bool // the change log's link: not for everyone (auth.CanReadMunicipalityHistory)
	EServices  eserviceSummary
	Plan       municipalityPlan
}

func (ui *UI) municipalityShow(w http.ResponseWriter, r *http.Request) error {
	m, err := ui.Municipalities.Municipality(r.Context(), r.PathValue("ehak"))
	if err != nil {
		return err
	}
	u := auth.UserFrom(r.Context())
	p := municipalityPage{Page: ui.page(r, ""), M: m, CanEdit: auth.Allowed(auth.CanEditMunicipality(u, m.EHAK)),
		CanHistory: auth.Allowed(auth.CanReadMunicipalityHistory(u, m.EHAK))}
	p.Title, p.Nav = m.Name, "municipalities"
	if p.EServices, err = ui.eserviceSummaryOf(r.Context(), m.EHAK); err != nil {
		return err
	}
	if p.Plan, err = ui.municipalityPlanOf(r.Context(), p.Page, m.EHAK); err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "municipality/show", p)
	return nil
}

type municipalityEditPage struct {
	Page
	M       municipality.Municipality // as stored now
	Details municipality.Details      // as in the form
	Form    form
}

func (ui *UI) municipalityEdit(w http.ResponseWriter, r *http.Request) error {
	ehak := r.PathValue("ehak")
	if err := auth.CanEditMunicipality(auth.UserFrom(r.Context()), ehak); err != nil {
		return err
	}
	m, err := ui.Municipalities.Municipality(r.Context(), ehak)
	if err != nil {
		return err
	}
	d := municipality.Details{Website: m.Website, Contact: m.Contact, Version: m.Version}
	ui.renderMunicipalityEdit(w, r, http.StatusOK, m, d, form{})
	return nil
}

func (ui *UI) renderMunicipalityEdit(w http.ResponseWriter, r *http.Request, status int, m municipality.Municipality, d municipality.Details, f form) {
	p := municipalityEditPage{Page: ui.page(r, ""), M: m, Details: d, Form: f}
	p.Title, p.Nav = p.L.T("municipality.edit_title", "Name", m.Name), "municipalities"
	ui.render(w, r, status, "municipality/edit", p)
}

func (ui *UI) municipalityUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx, ehak := r.Context(), r.PathValue("ehak")
	if err := auth.CanEditMunicipality(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	var p kovit.Problems
	d := municipality.Details{
		Website: r.PostFormValue("website"),
		Contact: municipality.Contact{Name: r.PostFormValue("contact_name"), Email: r.PostFormValue("contact_email"), Phone: r.PostFormValue("contact_phone")},
		Version: intParam(r.PostForm, "version", &p),
	}
	if err := p.Err(); err != nil {
		return err
	}
	status, p, err := trySave(nil, func() error { _, err := ui.Municipalities.UpdateDetails(ctx, ehak, d); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/municipalities/"+ehak, "flash.saved")
	}
	// Keep what the user typed, show what is stored now, and let a second save (now on
	// the current version) be a deliberate choice.
	m, err := ui.Municipalities.Municipality(ctx, ehak)
	if err != nil {
		return err
	}
	var f form
	f.refused(ui.Catalog.Printer(lang(r)), status, p, &d.Version, m.Version)
	ui.renderMunicipalityEdit(w, r, status, m, d, f)
	return nil
}

type historyPage struct {
	Page
	M      municipality.Municipality
	Events []audit.Event
	Pager  Pager
}

func (ui *UI) municipalityHistory(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadMunicipalityHistory(auth.UserFrom(r.Context()), r.PathValue("ehak")); err != nil {
		return err
	}
	m, err := ui.Municipalities.Municipality(r.Context(), r.PathValue("ehak"))
	if err != nil {
		return err
	}
	var p kovit.Problems
	at := readPage(r.URL.Query(), 0, &p)
	f := audit.Filter{Entity: audit.KindMunicipality, EntityID: m.EHAK, Limit: at.Limit, Offset: at.Offset}
	if err := p.Err(); err != nil {
		return err
	}
	if err := f.Validate(); err != nil { // the page size, which the pager needs
		return err
	}
	events, total, err := ui.Audit.ListEvents(r.Context(), f)
	if err != nil {
		return err
	}
	pg := historyPage{Page: ui.page(r, ""), M: m, Events: events,
		Pager: newPager(r.URL.Path, r.URL.Query(), total, f.Limit, f.Offset)}
	pg.Title, pg.Nav = pg.L.T("history.title", "Name", m.Name), "municipalities"
	ui.render(w, r, http.StatusOK, "municipality/history", pg)
	return nil
}

type countyPage struct {
	Page
	County   municipality.County
	Counties []municipality.County
	Items    []municipality.Municipality
}

func (ui *UI) countyList(w http.ResponseWriter, r *http.Request) error {
	cs, err := ui.Municipalities.ListCounties(r.Context())
	if err != nil {
		return err
	}
	p := countyPage{Page: ui.page(r, "counties.title"), Counties: cs}
	p.Nav = "counties"
	ui.render(w, r, http.StatusOK, "county/list", p)
	return nil
}

func (ui *UI) countyShow(w http.ResponseWriter, r *http.Request) error {
	c, err := ui.Municipalities.County(r.Context(), r.PathValue("ehak"))
	if err != nil {
		return err
	}
	items, _, err := ui.Municipalities.ListMunicipalities(r.Context(), municipality.Filter{CountyEHAK: c.EHAK})
	if err != nil {
		return err
	}
	p := countyPage{Page: ui.page(r, ""), County: c, Items: items}
	p.Title, p.Nav = c.Name, "counties"
	ui.render(w, r, http.StatusOK, "county/show", p)
	return nil
}
