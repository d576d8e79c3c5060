package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/municipality"
	"kovit/internal/security"
	"kovit/internal/tabular"
)

// municipalityLandscapePage is one municipality's landscape: its rows, its sign-off, and
// for its editors the forms to declare, confirm, sign off and import.
type municipalityLandscapePage struct {
	landscapePage
	M         municipality.Municipality
	Rows      []landscapeRowView
	SignOff   *landscape.SignOff
	Solutions []landscape.Solution // what a new row may name
	New       rowForm
	CanEdit   bool
	CanSign   bool
	Costs     bool
	Stale     int
	Problems  []importProblem
	Imported  string
}

// landscapeRowView is a row with its solution's name and whether it is stale.
type landscapeRowView struct {
	landscape.Row
	Solution string
	Stale    bool
}

// rowForm is what the row form shows.
type rowForm struct {
	In         landscape.Row
	YearlyCost string
	OneOffCost string
	Form       form
}

// readableLandscape checks the user may read landscape rows and finds the municipality.
func (ui *UI) readableLandscape(r *http.Request) (municipality.Municipality, error) {
	if err := auth.CanReadLandscape(auth.UserFrom(r.Context())); err != nil {
		return municipality.Municipality{}, err
	}
	return ui.Municipalities.Municipality(r.Context(), r.PathValue("ehak"))
}

func (ui *UI) municipalityLandscape(w http.ResponseWriter, r *http.Request) error {
	m, err := ui.readableLandscape(r)
	if err != nil {
		return err
	}
	p, err := ui.loadMunicipalityLandscape(r, m)
	return ui.renderLoaded(w, r, "landscape/municipality", p, err)
}

// renderLoaded shows a page its loader built, or the loader's error.
func (ui *UI) renderLoaded(w http.ResponseWriter, r *http.Request, name string, p any, err error) error {
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, name, p)
	return nil
}

func (ui *UI) loadMunicipalityLandscape(r *http.Request, m municipality.Municipality) (municipalityLandscapePage, error) {
	ctx := r.Context()
	lp, err := ui.landscapePage(r, "")
	if err != nil {
		return municipalityLandscapePage{}, err
	}
	lp.Title = lp.L.T("landscape.municipality.title", "Name", m.Name)
	u := lp.User
	p := municipalityLandscapePage{landscapePage: lp, M: m, CanEdit: auth.Allowed(auth.CanEditLandscape(u, m.EHAK)),
		CanSign: auth.Allowed(auth.CanSignOffLandscape(u, m.EHAK)), Costs: auth.Allowed(auth.CanReadContractCosts(u, m.EHAK))}
	names, all, err := ui.solutionNames(ctx)
	if err != nil {
		return p, err
	}
	rows, err := ui.allRows(ctx, m.EHAK)
	if err != nil {
		return p, err
	}
	now := ui.Now()
	for _, row := range rows {
		if !p.Costs {
			row = row.WithoutCosts()
		}
		v := landscapeRowView{Row: row, Solution: names[row.SolutionID], Stale: row.Stale(now)}
		if v.Stale {
			p.Stale++
		}
		p.Rows = append(p.Rows, v)
	}
	for _, s := range all {
		if s.State != landscape.Merged {
			p.Solutions = append(p.Solutions, s)
		}
	}
	if so, err := ui.Landscape.LandscapeSignOff(ctx, m.EHAK); err == nil {
		p.SignOff = &so
	} else if kovit.ErrorCode(err) != kovit.ENotFound {
		return p, err
	}
	p.New = rowForm{In: landscape.Row{Status: landscape.Production}}
	return p, nil
}

// allRows is every row of a municipality's landscape.
func (ui *UI) allRows(ctx context.Context, ehak string) ([]landscape.Row, error) {
	var out []landscape.Row
	f := landscape.RowFilter{MunicipalityEHAK: ehak, Limit: kovit.MaxLimit}
	for {
		page, total, err := ui.Landscape.ListRows(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if f.Offset += f.Limit; f.Offset >= total {
			return out, nil
		}
	}
}

// readRow reads the row form over row, keeping what the form does not hold.
func readRow(r *http.Request, row landscape.Row, p *kovit.Problems) (landscape.Row, rowForm) {
	if id := formID(r, "solution_id", p); id != nil {
		row.SolutionID = *id
	}
	row.SoftwareVersion = r.PostFormValue("software_version")
	row.Status = landscape.Status(r.PostFormValue("status"))
	row.BusinessOwner = r.PostFormValue("business_owner")
	row.TechnicalOwner = r.PostFormValue("technical_owner")
	row.Hosting = r.PostFormValue("hosting")
	row.ContractType = r.PostFormValue("contract_type")
	if d := optionalDate(r, "contract_end", p); d != nil {
		row.ContractEnd = dateValue(d)
	} else if !p.Has("contract_end") {
		row.ContractEnd = ""
	}
	row.YearlyCost = formMoney(r, "yearly_cost", "landscape.error.money", p)
	row.OneOffCost = formMoney(r, "one_off_cost", "landscape.error.money", p)
	row.Verdict = landscape.Verdict(r.PostFormValue("verdict"))
	row.VerdictWhy = r.PostFormValue("verdict_reason")
	if d := optionalDate(r, "review_on", p); d != nil {
		row.ReviewOn = dateValue(d)
	} else if !p.Has("review_on") {
		row.ReviewOn = ""
	}
	row.Notes = r.PostFormValue("notes")
	row.Integrations = nil
	for _, v := range r.PostForm["integration"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			p.Add("integrations", "landscape.error.solution")
			break
		}
		row.Integrations = append(row.Integrations, landscape.Integration{SolutionID: id, Standard: r.PostFormValue("standard_" + v)})
	}
	if v := r.PostFormValue("version"); v != "" {
		row.Version = formInt(r, "version", p)
	}
	row.Normalize()
	return row, rowForm{In: row, YearlyCost: strings.TrimSpace(r.PostFormValue("yearly_cost")),
		OneOffCost: strings.TrimSpace(r.PostFormValue("one_off_cost"))}
}

// editableLandscape checks the user may edit the municipality's landscape and finds it.
func (ui *UI) editableLandscape(r *http.Request) (municipality.Municipality, error) {
	if err := auth.CanEditLandscape(auth.UserFrom(r.Context()), r.PathValue("ehak")); err != nil {
		return municipality.Municipality{}, err
	}
	return ui.Municipalities.Municipality(r.Context(), r.PathValue("ehak"))
}

// rowCreate declares a solution in the municipality's landscape.
func (ui *UI) rowCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	m, err := ui.editableLandscape(r)
	if err != nil {
		return err
	}
	ehak := m.EHAK
	var problems kovit.Problems
	row, f := readRow(r, landscape.Row{MunicipalityEHAK: ehak}, &problems)
	row.Version = 0
	alsoInvalid(&problems, row.Validate())
	status, problems, err := trySave(problems, func() error { _, err := ui.Landscape.CreateRow(ctx, row); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/municipalities/"+ehak+"/landscape", "flash.saved")
	}
	p, err := ui.loadMunicipalityLandscape(r, m)
	if err != nil {
		return err
	}
	f.Form.refused(p.L, status, problems, nil, 0)
	p.New = f
	ui.render(w, r, status, "landscape/municipality", p)
	return nil
}

// rowPage shows one row with its history and, to its editors, the form to change it.
type rowPage struct {
	landscapePage
	Row       landscapeRowView
	Edit      rowForm
	CanEdit   bool
	Costs     bool
	Solution  landscape.Solution
	Neighbors []landscape.Solution // the other solutions of the landscape, to integrate with
	// Modules are the E-ITS modules naming the row, for readers of the assessment.
	Modules []security.SystemModule
}

// Integrated reports whether the row integrates with solution id, and by which standard.
func (p rowPage) Integrated(id int64) (string, bool) {
	for _, in := range p.Edit.In.Integrations {
		if in.SolutionID == id {
			return in.Standard, true
		}
	}
	return "", false
}

func (p rowPage) IntegratedWith(id int64) bool { _, ok := p.Integrated(id); return ok }
func (p rowPage) StandardWith(id int64) string { s, _ := p.Integrated(id); return s }

// readableRow loads a row the user may read; for one who may not read rows, a missing
// row answers as a present one would.
func (ui *UI) readableRow(ctx context.Context, id int64) (landscape.Row, error) {
	u := auth.UserFrom(ctx)
	if err := auth.CanReadLandscape(u); err != nil {
		return landscape.Row{}, err
	}
	return ui.Landscape.Row(ctx, id)
}

func (ui *UI) rowShow(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	row, err := ui.readableRow(r.Context(), id)
	if err != nil {
		return err
	}
	p, err := ui.loadRow(r, row)
	return ui.renderLoaded(w, r, "landscape/row", p, err)
}

func (ui *UI) loadRow(r *http.Request, row landscape.Row) (rowPage, error) {
	ctx := r.Context()
	lp, err := ui.landscapePage(r, "")
	if err != nil {
		return rowPage{}, err
	}
	u := lp.User
	p := rowPage{landscapePage: lp, CanEdit: auth.Allowed(auth.CanEditLandscape(u, row.MunicipalityEHAK)),
		Costs: auth.Allowed(auth.CanReadContractCosts(u, row.MunicipalityEHAK))}
	if !p.Costs {
		row = row.WithoutCosts()
	}
	names, _, err := ui.solutionNames(ctx)
	if err != nil {
		return p, err
	}
	p.Row = landscapeRowView{Row: row, Solution: names[row.SolutionID], Stale: row.Stale(ui.Now())}
	if p.Modules, err = ui.rowModules(r, row.ID, row.MunicipalityEHAK); err != nil {
		return p, err
	}
	p.Title = lp.L.T("landscape.row.title", "Solution", p.Row.Solution, "Name", p.Name(row.MunicipalityEHAK))
	if p.Solution, err = ui.Landscape.Solution(ctx, row.SolutionID); err != nil {
		return p, err
	}
	rows, err := ui.allRows(ctx, row.MunicipalityEHAK)
	if err != nil {
		return p, err
	}
	for _, other := range rows {
		if other.SolutionID != row.SolutionID {
			p.Neighbors = append(p.Neighbors, landscape.Solution{ID: other.SolutionID, Name: names[other.SolutionID]})
		}
	}
	p.Edit = rowForm{In: row, YearlyCost: moneyValue(row.YearlyCost, lp.L.Lang), OneOffCost: moneyValue(row.OneOffCost, lp.L.Lang)}
	return p, nil
}

// rowUpdate saves a row and confirms it.
func (ui *UI) rowUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	old, err := ui.Landscape.Row(ctx, id)
	if err != nil {
		return auth.HideMissing(u, err)
	}
	if err := auth.CanEditLandscape(u, old.MunicipalityEHAK); err != nil {
		return err
	}
	var problems kovit.Problems
	row, f := readRow(r, old, &problems)
	alsoInvalid(&problems, row.Validate())
	status, problems, err := trySave(problems, func() error { _, err := ui.Landscape.UpdateRow(ctx, row); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/municipalities/"+old.MunicipalityEHAK+"/landscape", "flash.saved")
	}
	p, err := ui.loadRow(r, old)
	if err != nil {
		return err
	}
	f.Form.refused(p.L, status, problems, &f.In.Version, old.Version)
	p.Edit = f
	ui.render(w, r, status, "landscape/row", p)
	return nil
}

// landscapeConfirm confirms every row of the municipality as still true.
func (ui *UI) landscapeConfirm(w http.ResponseWriter, r *http.Request) error {
	return ui.landscapeWhole(w, r, auth.CanEditLandscape, "landscape.flash.confirmed", func(ctx context.Context, ehak string) error {
		_, err := ui.Landscape.ConfirmRows(ctx, ehak)
		return err
	})
}

// landscapeSignOff records the IT lead's sign-off of the whole landscape.
func (ui *UI) landscapeSignOff(w http.ResponseWriter, r *http.Request) error {
	return ui.landscapeWhole(w, r, auth.CanSignOffLandscape, "landscape.flash.signed", func(ctx context.Context, ehak string) error {
		_, err := ui.Landscape.SignOffLandscape(ctx, ehak)
		return err
	})
}

// landscapeWhole does something to a municipality's whole landscape, which only those
// allowed may, and goes back to the landscape.
func (ui *UI) landscapeWhole(w http.ResponseWriter, r *http.Request, allowed func(*auth.User, string) error, flash string,
	do func(context.Context, string) error) error {
	ehak := r.PathValue("ehak")
	if err := allowed(auth.UserFrom(r.Context()), ehak); err != nil {
		return err
	}
	if err := do(r.Context(), ehak); err != nil {
		return err
	}
	return ui.redirect(w, r, "/municipalities/"+ehak+"/landscape", flash)
}

// landscapeExport sends a municipality's landscape as CSV or XLSX; the contract's columns
// only to those who may read them.
func (ui *UI) landscapeExport(w http.ResponseWriter, r *http.Request) error {
	m, err := ui.readableLandscape(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	rows, err := ui.allRows(ctx, m.EHAK)
	if err != nil {
		return err
	}
	names, _, err := ui.solutionNames(ctx)
	if err != nil {
		return err
	}
	costs := auth.Allowed(auth.CanReadContractCosts(auth.UserFrom(ctx), m.EHAK))
	return tabular.WriteHTTP(w, r, "maastik-"+m.EHAK, landscape.LandscapeSheet(rows, names, costs, lang(r)))
}

// landscapeImport reads an uploaded landscape sheet of the municipality and saves every
// row of it or none.
func (ui *UI) landscapeImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	m, err := ui.editableLandscape(r)
	if err != nil {
		return err
	}
	ehak := m.EHAK
	fail := func(status int, problems []importProblem) error {
		p, err := ui.loadMunicipalityLandscape(r, m)
		if err != nil {
			return err
		}
		p.Problems = problems
		ui.render(w, r, status, "landscape/municipality", p)
		return nil
	}
	header, records, err := readUpload(w, r)
	if err != nil {
		if status, p, ok := ui.uploadProblem(r, err); ok {
			return fail(status, []importProblem{p})
		}
		return err
	}
	_, all, err := ui.solutionNames(ctx)
	if err != nil {
		return err
	}
	rows, err := landscape.ReadLandscape(header, records, ehak, solutionFinder(all))
	if err == nil {
		if _, _, err = ui.Landscape.ImportRows(ctx, ehak, rows); err == nil {
			return ui.redirect(w, r, "/municipalities/"+ehak+"/landscape", "landscape.flash.imported")
		}
		err = landscape.SheetError(err)
	}
	if problems, ok := ui.importProblems(r, err); ok {
		return fail(http.StatusUnprocessableEntity, problems)
	}
	return err
}

// solutionFinder finds a solution of the catalogue by its name, in any case, or its id.
func solutionFinder(all []landscape.Solution) func(string) (landscape.Solution, bool) {
	byName := make(map[string]landscape.Solution, len(all))
	byID := make(map[string]landscape.Solution, len(all))
	for _, s := range all {
		if s.State != landscape.Merged {
			byName[strings.ToLower(s.Name)] = s
		}
		byID[strconv.FormatInt(s.ID, 10)] = s
	}
	return func(v string) (landscape.Solution, bool) {
		if s, ok := byName[strings.ToLower(strings.TrimSpace(v))]; ok {
			return s, true
		}
		s, ok := byID[strings.TrimSpace(v)]
		return s, ok && s.State != landscape.Merged
	}
}
