package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
)

// measureListPage lists the support measures, with the coordinators' form for a new one.
type measureListPage struct {
	needPage
	Items []need.Measure
	measureForm
}

// measureForm is the measure form's values and problems.
type measureForm struct {
	Edit     need.Measure
	Budget   string // as typed
	MaxGrant string
	Form     form
}

func (f measureForm) Types() []municipality.Type {
	return []municipality.Type{municipality.City, municipality.Rural}
}
func (f measureForm) HasType(t municipality.Type) bool {
	return containsType(f.Edit.Eligibility.Types, t)
}
func (f measureForm) Funds(c need.Category) bool {
	return containsCategory(f.Edit.Eligibility.Categories, c)
}
func (f measureForm) MeasureStatuses() []need.MeasureStatus { return need.MeasureStatuses }

func containsType(list []municipality.Type, t municipality.Type) bool {
	for _, x := range list {
		if x == t {
			return true
		}
	}
	return false
}

func containsCategory(list []need.Category, c need.Category) bool {
	for _, x := range list {
		if x == c {
			return true
		}
	}
	return false
}

func newMeasureForm(m need.Measure, lang string) measureForm {
	return measureForm{Edit: m, Budget: moneyValue(&m.Budget, lang), MaxGrant: moneyValue(&m.MaxGrant, lang)}
}

// readMeasure reads the measure form over m.
func readMeasure(r *http.Request, m need.Measure, p *kovit.Problems) measureForm {
	m.Name, m.Description, m.Funder = r.PostFormValue("name"), r.PostFormValue("description"), r.PostFormValue("funder")
	m.StartYear, m.EndYear = formInt(r, "start_year", p), formInt(r, "end_year", p)
	f := measureForm{Budget: r.PostFormValue("budget"), MaxGrant: r.PostFormValue("max_grant")}
	m.Budget, m.MaxGrant = 0, 0
	if v := formMoney(r, "budget", "need.error.money", p); v != nil {
		m.Budget = *v
	}
	if v := formMoney(r, "max_grant", "need.error.money", p); v != nil {
		m.MaxGrant = *v
	}
	m.CoFinancing = formInt(r, "co_financing", p)
	m.Eligibility = need.Eligibility{MinPopulation: formInt(r, "min_population", p), MaxPopulation: formInt(r, "max_population", p)}
	for _, t := range r.PostForm["types"] {
		m.Eligibility.Types = append(m.Eligibility.Types, municipality.Type(t))
	}
	for _, c := range r.PostForm["categories"] {
		m.Eligibility.Categories = append(m.Eligibility.Categories, need.Category(c))
	}
	m.OpensOn, m.ClosesOn = r.PostFormValue("opens_on"), r.PostFormValue("closes_on")
	m.Status = need.MeasureStatus(r.PostFormValue("status"))
	m.Published = r.PostFormValue("published") != ""
	if v := r.PostFormValue("version"); v != "" {
		m.Version = formInt(r, "version", p)
	}
	m.Normalize()
	f.Edit = m
	return f
}

func (ui *UI) measureList(w http.ResponseWriter, r *http.Request) error {
	return ui.renderMeasureList(w, r, http.StatusOK, newMeasureForm(need.Measure{StartYear: 2026, EndYear: 2029, CoFinancing: 15, Status: need.MeasureProposed}, lang(r)))
}

func (ui *UI) renderMeasureList(w http.ResponseWriter, r *http.Request, status int, f measureForm) error {
	np, err := ui.needPage(r, "needui.measures.title")
	if err != nil {
		return err
	}
	np.Nav = "measures"
	items, err := ui.Needs.ListMeasures(r.Context(), need.MeasureFilter{PublishedOnly: auth.ListScope(np.User).PublishedOnly()})
	if err != nil {
		return err
	}
	ui.render(w, r, status, "need/measures", measureListPage{needPage: np, Items: items, measureForm: f})
	return nil
}

func (ui *UI) measureCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	f := readMeasure(r, need.Measure{}, &problems)
	var created need.Measure
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Needs.CreateMeasure(ctx, f.Edit); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/measures/"+strconv.FormatInt(created.ID, 10), "flash.saved")
	}
	f.Form.Problems = problems
	return ui.renderMeasureList(w, r, status, f)
}

// View is the page's form for the measure-fields partial.
func (p measureListPage) View() measureView { return p.MeasureView(p.measureForm) }
