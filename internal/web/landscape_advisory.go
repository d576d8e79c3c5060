package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// advisoryPage finds the municipalities a version advisory concerns, sends it, and lists
// the advisories sent.
type advisoryPage struct {
	landscapePage
	Query      landscape.AdvisoryQuery
	Asked      bool
	Solutions  []landscape.Solution
	Affected   []affectedRow
	Sent       []landscape.Advisory
	Names      map[int64]string
	AdvTitle   string
	AdvMessage string
	Form       form
	QueryURL   string
}

// affectedRow is a municipality an advisory concerns, with its contact.
type affectedRow struct {
	Row     landscape.Row
	Name    string
	Contact municipality.Contact
	Ends    string
}

// SolutionName names solution id.
func (p advisoryPage) SolutionName(id int64) string { return p.Names[id] }

// readAdvisoryQuery reads the query from a URL's query or a posted form.
func readAdvisoryQuery(v url.Values, p *kovit.Problems) landscape.AdvisoryQuery {
	q := landscape.AdvisoryQuery{FromVersion: v.Get("from"), ToVersion: v.Get("to")}
	if s := strings.TrimSpace(v.Get("solution")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			p.Add("solution_id", "landscape.error.solution")
		}
		q.SolutionID = id
	}
	if d, ok := tabular.ParseDate(v.Get("support_by")); !ok {
		p.Add("support_ends_by", "error.date")
	} else if d != nil {
		q.SupportEndsBy = d.Format("2006-01-02")
	}
	q.Normalize()
	return q
}

func (ui *UI) advisories(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadLandscape(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	var problems kovit.Problems
	q := readAdvisoryQuery(r.URL.Query(), &problems)
	p, err := ui.loadAdvisories(r, q, r.URL.Query().Get("solution") != "", problems)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if len(p.Form.Problems) > 0 {
		status = http.StatusUnprocessableEntity
	}
	ui.render(w, r, status, "landscape/advisories", p)
	return nil
}

func (ui *UI) loadAdvisories(r *http.Request, q landscape.AdvisoryQuery, asked bool, problems kovit.Problems) (advisoryPage, error) {
	ctx := r.Context()
	lp, err := ui.landscapePage(r, "landscape.advisory.title")
	if err != nil {
		return advisoryPage{}, err
	}
	p := advisoryPage{landscapePage: lp, Query: q, Asked: asked}
	names, all, err := ui.solutionNames(ctx)
	if err != nil {
		return p, err
	}
	p.Names = names
	for _, s := range all {
		if s.State == landscape.Accepted {
			p.Solutions = append(p.Solutions, s)
		}
	}
	if asked && len(problems) == 0 {
		problems = kovit.FieldsOf(q.Validate())
	}
	p.Form.Problems = problems
	if asked && len(problems) == 0 {
		if p.Affected, err = ui.affected(r, q, all, lp.all); err != nil {
			return p, err
		}
		v := url.Values{"solution": {strconv.FormatInt(q.SolutionID, 10)}, "from": {q.FromVersion}, "to": {q.ToVersion}, "support_by": {q.SupportEndsBy}}
		p.QueryURL = v.Encode()
	}
	p.Sent, err = ui.Landscape.ListAdvisories(ctx)
	return p, err
}

// affected lists the municipalities q concerns, with their contacts. A page that has read
// the solutions and the municipalities already passes them (an advisory is asked for
// often, and each read is a round trip); nil reads them.
func (ui *UI) affected(r *http.Request, q landscape.AdvisoryQuery, sols []landscape.Solution, ms []municipality.Municipality) ([]affectedRow, error) {
	ctx := r.Context()
	sol, err := solutionIn(sols, q.SolutionID)
	if sols == nil {
		sol, err = ui.Landscape.Solution(ctx, q.SolutionID)
	}
	if kovit.ErrorCode(err) == kovit.ENotFound {
		var p kovit.Problems
		p.Add("solution_id", "landscape.error.solution")
		return nil, p.Err()
	}
	if err != nil {
		return nil, err
	}
	rows, _, err := ui.Landscape.ListRows(ctx, landscape.RowFilter{SolutionID: q.SolutionID, Limit: kovit.MaxLimit})
	if err != nil {
		return nil, err
	}
	if ms == nil {
		if ms, err = ui.allMunicipalities(ctx); err != nil {
			return nil, err
		}
	}
	byEHAK := make(map[string]municipality.Municipality, len(ms))
	for _, m := range ms {
		byEHAK[m.EHAK] = m
	}
	var out []affectedRow
	for _, row := range rows {
		if !q.Affects(row, sol) {
			continue
		}
		m := byEHAK[row.MunicipalityEHAK]
		a := affectedRow{Row: row.WithoutCosts(), Name: m.Name, Contact: m.Contact}
		if end, ok := landscape.SupportEnds(row, sol); ok {
			a.Ends = end.Format("2006-01-02")
		}
		out = append(out, a)
	}
	return out, nil
}

// solutionIn finds solution id in sols, or answers as a missing one does.
func solutionIn(sols []landscape.Solution, id int64) (landscape.Solution, error) {
	for _, s := range sols {
		if s.ID == id {
			return s, nil
		}
	}
	return landscape.Solution{}, kovit.NotFound()
}

// advisoryExport sends the municipalities a query concerns, with their contacts.
func (ui *UI) advisoryExport(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadLandscape(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	var problems kovit.Problems
	q := readAdvisoryQuery(r.URL.Query(), &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	var rows []affectedRow
	if q.SolutionID != 0 { // without a solution the query picks nobody: the columns alone
		if err := q.Validate(); err != nil {
			return err
		}
		var err error
		if rows, err = ui.affected(r, q, nil, nil); err != nil {
			return err
		}
	}
	l := lang(r)
	cols := []tabular.Column{{Et: "EHAK", En: "EHAK"}, {Et: "Omavalitsus", En: "Municipality"}, {Et: "Versioon", En: "Version"},
		{Et: "Olek", En: "Status"}, {Et: "Toe lõpp", En: "End of support"}, {Et: "Kontakt", En: "Contact"},
		{Et: "E-post", En: "E-mail"}, {Et: "Telefon", En: "Phone"}}
	t := tabular.Table{Sheet: "teade", Header: tabular.Headers(cols, l)}
	for _, a := range rows {
		t.Rows = append(t.Rows, []any{a.Row.MunicipalityEHAK, a.Name, a.Row.SoftwareVersion, string(a.Row.Status), a.Ends,
			a.Contact.Name, a.Contact.Email, a.Contact.Phone})
	}
	return tabular.WriteHTTP(w, r, "teade", t)
}

// advisorySend sends the advisory to the municipalities its query picks (coordinators).
func (ui *UI) advisorySend(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditCatalogue(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	q := readAdvisoryQuery(r.PostForm, &problems)
	a := landscape.Advisory{Query: q, Title: strings.TrimSpace(r.PostFormValue("title")), Message: strings.TrimSpace(r.PostFormValue("message"))}
	alsoInvalid(&problems, a.Validate())
	var sent landscape.Advisory
	status, problems, err := trySave(problems, func() (err error) { sent, err = ui.Landscape.SendAdvisory(ctx, a); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/advisories/"+strconv.FormatInt(sent.ID, 10), "landscape.flash.sent")
	}
	p, err := ui.loadAdvisories(r, q, true, nil)
	if err != nil {
		return err
	}
	p.Form.Problems = append(p.Form.Problems, problems...)
	p.AdvTitle, p.AdvMessage = a.Title, a.Message
	ui.render(w, r, status, "landscape/advisories", p)
	return nil
}

// advisoryShowPage is one advisory sent and how far its recipients have got.
type advisoryShowPage struct {
	landscapePage
	A        landscape.Advisory
	Solution string
}

// CanMark reports whether the user may mark the advisory handled for municipality ehak.
func (p advisoryShowPage) CanMark(ehak string) bool {
	return auth.Allowed(auth.CanEditLandscape(p.User, ehak))
}

func (ui *UI) advisoryShow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadLandscape(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := ui.Landscape.Advisory(ctx, id)
	if err != nil {
		return err
	}
	lp, err := ui.landscapePage(r, "")
	if err != nil {
		return err
	}
	lp.Page.Title = a.Title
	p := advisoryShowPage{landscapePage: lp, A: a}
	if s, err := ui.Landscape.Solution(ctx, a.Query.SolutionID); err == nil {
		p.Solution = s.Name
	}
	ui.render(w, r, http.StatusOK, "landscape/advisory", p)
	return nil
}

// advisoryHandled records that a recipient municipality has dealt with the advisory.
func (ui *UI) advisoryHandled(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditLandscape(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := ui.Landscape.MarkAdvisoryHandled(ctx, id, ehak); err != nil {
		return err
	}
	return ui.redirect(w, r, "/advisories/"+strconv.FormatInt(id, 10), "flash.saved")
}
