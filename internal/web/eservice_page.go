package web

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// eservicePageForm is a municipality's every service on one form, by area: what an
// editor fills in once rather than opening a page per service. Evidence stays on the
// cell page; a row keeps the cell's evidence as stored.
type eservicePageForm struct {
	esPage
	M     municipality.Municipality
	Scale eservice.Scale
	Areas []pageFormArea
	Form  form
	Saved int // cells changed by the save just made, for the flash
	// The words every row repeats, translated once: a translation per row and column made
	// 150 rows take seven times the page's time budget.
	Words     pageFormWords
	Criteria  []pageFormCriterion
	Offerings []pageFormOption
	// Choices link to the form of each municipality of an editor of several.
	Choices []municipalityChoice
}

type pageFormWords struct{ Offering, Criteria, URL, System, Unknown string }

type pageFormCriterion struct {
	ID         int64
	Code, Text string
}

type pageFormOption struct{ Value, Label string }

type pageFormArea struct {
	Area string
	Rows []pageFormRow
}

// pageFormRow is one service: the cell as stored and the row's values as typed.
type pageFormRow struct {
	S     eservice.Service
	C     eservice.Cell
	In    eservice.CellInput
	Stale bool // changed by someone else since the form was read
	Name  string
	// Errors are the row's problems by field, translated; nil when it has none.
	Errors map[string]string
	// Bottleneck is what keeps the stored cell from the next level, as the page says it.
	Bottleneck string
}

// OfferingSelect is the row's offering choice, written here for the reason CriteriaBoxes is.
func (r pageFormRow) OfferingSelect(w pageFormWords, options []pageFormOption) template.HTML {
	var b strings.Builder
	code := template.HTMLEscapeString(r.S.Code)
	b.WriteString(`<select name="offering.` + code + `" id="f-` + code + `.offering" aria-label="` +
		template.HTMLEscapeString(w.Offering+": "+r.Name) + `"`)
	if r.Errors["offering"] != "" {
		b.WriteString(` aria-invalid="true" aria-describedby="e-` + code + `-offering"`)
	}
	b.WriteString(`><option value=""`)
	if r.In.Offering == "" {
		b.WriteString(" selected")
	}
	b.WriteString(">" + template.HTMLEscapeString(w.Unknown) + "</option>")
	for _, o := range options {
		b.WriteString(`<option value="` + o.Value + `"`)
		if o.Value == string(r.In.Offering) {
			b.WriteString(" selected")
		}
		b.WriteString(">" + template.HTMLEscapeString(o.Label) + "</option>")
	}
	b.WriteString("</select>")
	return template.HTML(b.String())
}

// CriteriaBoxes are the row's criterion checkboxes. They are written here rather than in
// the template: a page has a thousand of them, and html/template's escaping of each
// attribute was most of the page's time.
func (r pageFormRow) CriteriaBoxes(criteria []pageFormCriterion) template.HTML {
	var b strings.Builder
	code := template.HTMLEscapeString(r.S.Code)
	for _, c := range criteria {
		id := strconv.FormatInt(c.ID, 10)
		b.WriteString(`<label title="` + template.HTMLEscapeString(c.Text) + `"><input type="checkbox" name="met.` + code + `" value="` + id + `"`)
		if slices.Contains(r.In.Met, c.ID) {
			b.WriteString(" checked")
		}
		b.WriteString("> " + template.HTMLEscapeString(c.Code) + "</label> ")
	}
	return template.HTML(b.String())
}

// bottleneck says which criteria keep the stored cell from the next level.
func (p eservicePageForm) bottleneck(c eservice.Cell) string {
	var codes []string
	for _, cr := range p.Scale.Bottleneck(c.Offering, c.Met) {
		codes = append(codes, cr.Code)
	}
	if len(codes) == 0 {
		return ""
	}
	return p.L.T("fastentry.bottleneck", "Codes", strings.Join(codes, " "))
}

func (p eservicePageForm) FormPath() string { return "/municipalities/" + p.M.EHAK + "/eservices/edit" }

// loadPageForm reads the form with every row as stored. Only those who may edit the
// municipality's cells see it: it is a form, not a view.
func (ui *UI) loadPageForm(r *http.Request) (eservicePageForm, error) {
	ctx := r.Context()
	var p eservicePageForm
	ehak := r.PathValue("ehak")
	var err error
	if p.M, err = ui.Municipalities.Municipality(ctx, ehak); err != nil {
		return p, err
	}
	if err := auth.CanEditMunicipality(auth.UserFrom(ctx), p.M.EHAK); err != nil {
		return p, err
	}
	services, err := ui.Services.ListServices(ctx, false)
	if err != nil {
		return p, err
	}
	if p.Scale, err = ui.Services.Scale(ctx); err != nil {
		return p, err
	}
	cells, err := ui.Services.Cells(ctx, eservice.CellFilter{MunicipalityEHAK: p.M.EHAK})
	if err != nil {
		return p, err
	}
	g := eservice.NewGrid(cells)
	p.esPage = esPage{ui.page(r, "")}
	if p.Choices, err = ui.ownMunicipalityChoices(ctx, p.User, p.M.EHAK, "/municipalities/%s/eservices/edit"); err != nil {
		return p, err
	}
	p.Title, p.Nav = p.L.T("fastentry.page.title", "Name", p.M.Name), "eservices"
	l := p.L
	p.Words = pageFormWords{Offering: l.T("eservice.field.offering"), Criteria: l.T("eservice.criteria.title"),
		URL: l.T("eservice.field.url"), System: l.T("eservice.field.system"), Unknown: l.T("eservice.offering.unknown")}
	for _, o := range []eservice.Offering{eservice.Offered, eservice.NotOffered, eservice.NotApplicable} {
		p.Offerings = append(p.Offerings, pageFormOption{string(o), l.T("eservice.offering." + string(o))})
	}
	for _, lv := range p.Scale {
		for _, c := range lv.Criteria {
			p.Criteria = append(p.Criteria, pageFormCriterion{c.ID, c.Code, c.Text(l.Lang)})
		}
	}
	for _, sg := range groupByArea(services) {
		a := pageFormArea{Area: sg.Area}
		for _, s := range sg.Services {
			c := g.Cell(p.M.EHAK, s.Code)
			in := eservice.CellInput{Met: c.Met, URL: c.URL, System: c.System, Version: c.Version}
			if c.Version > 0 {
				in.Offering = c.Offering
			}
			a.Rows = append(a.Rows, pageFormRow{S: s, C: c, In: in, Name: s.Name(l.Lang), Bottleneck: p.bottleneck(c)})
		}
		p.Areas = append(p.Areas, a)
	}
	return p, nil
}

func (ui *UI) eservicePageForm(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPageForm(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "eservice/page_form", p)
	return nil
}

// rowInputFrom reads one row of the posted form; the row's evidence is the cell's as
// stored, which the form does not show.
func rowInputFrom(r *http.Request, row pageFormRow, problems *kovit.Problems) eservice.CellInput {
	code := row.S.Code
	in := eservice.CellInput{Offering: eservice.Offering(r.PostFormValue("offering." + code)),
		URL: strings.TrimSpace(r.PostFormValue("url." + code)), System: strings.TrimSpace(r.PostFormValue("system." + code)),
		EvidenceURL: row.C.EvidenceURL, EvidenceCheckedOn: row.C.EvidenceCheckedOn,
		Version: wholeNumber(r.PostFormValue("version."+code), code+".version", problems)}
	for _, v := range r.PostForm["met."+code] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems.Add(code+".criteria_met", "error.unknown_criterion")
			break
		}
		in.Met = append(in.Met, id)
	}
	return in
}

// eservicePageSave saves every row of the form together or none (see
// SaveMunicipalityCells). A refused save shows the form again with every row as typed,
// each problem at its row; a stale row shows what is stored now and takes the current
// version, so that saving it again is a deliberate choice.
func (ui *UI) eservicePageSave(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPageForm(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	var rows []eservice.RowInput
	for i := range p.Areas {
		for j := range p.Areas[i].Rows {
			row := &p.Areas[i].Rows[j]
			row.In = rowInputFrom(r, *row, &problems)
			rows = append(rows, eservice.RowInput{ServiceCode: row.S.Code, In: row.In})
		}
	}
	var saveErr error
	status, problems, err := trySave(problems, func() error {
		p.Saved, saveErr = ui.Services.SaveMunicipalityCells(r.Context(), p.M.EHAK, rows)
		return saveErr
	})
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.FormPath(), "flash.saved")
	}
	if status == http.StatusConflict {
		problems = kovit.FieldsOf(saveErr)
		var names []string
		for i := range p.Areas {
			for j := range p.Areas[i].Rows {
				row := &p.Areas[i].Rows[j]
				if problems.Has(row.S.Code + ".version") {
					row.Stale, row.In.Version = true, row.C.Version
					names = append(names, row.S.Name(p.L.Lang))
				}
			}
		}
		p.Form.Message = p.L.T("fastentry.error.stale_rows", "Rows", strings.Join(names, ", "))
	}
	p.Form.refused(p.L, status, problems, nil, 0)
	p.rowErrors()
	ui.render(w, r, status, "eservice/page_form", p)
	return nil
}

// rowErrors hands each row its problems ("<code>.<field>"), so that the template looks a
// row's errors up rather than search every problem for every field of 150 rows.
func (p *eservicePageForm) rowErrors() {
	at := map[string]*pageFormRow{}
	for i := range p.Areas {
		for j := range p.Areas[i].Rows {
			at[p.Areas[i].Rows[j].S.Code] = &p.Areas[i].Rows[j]
		}
	}
	for _, f := range p.Form.Problems {
		code, field, ok := strings.Cut(f.Field, ".")
		if row := at[code]; ok && row != nil {
			if row.Errors == nil {
				row.Errors = map[string]string{}
			}
			if _, seen := row.Errors[field]; !seen {
				row.Errors[field] = p.L.T(f.Key)
			}
		}
	}
}

// eservicePageConfirm records that the municipality's filled cells of one area are
// still current, without changing them.
func (ui *UI) eservicePageConfirm(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPageForm(r)
	if err != nil {
		return err
	}
	area := r.PostFormValue("area")
	for _, a := range p.Areas {
		if a.Area != area {
			continue
		}
		var codes []string
		for _, row := range a.Rows {
			codes = append(codes, row.S.Code)
		}
		if _, err := ui.Services.ConfirmCells(r.Context(), p.M.EHAK, codes); err != nil {
			return err
		}
		return ui.redirect(w, r, p.FormPath()+"#area-"+strconv.Itoa(areaIndex(p.Areas, area)), "fastentry.flash.confirmed")
	}
	var problems kovit.Problems
	problems.Add("area", "fastentry.error.area")
	return problems.Err()
}

func areaIndex(areas []pageFormArea, area string) int {
	return slices.IndexFunc(areas, func(a pageFormArea) bool { return a.Area == area })
}
