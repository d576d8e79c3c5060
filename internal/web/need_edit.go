package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/need"
)

// needForm is what the need form shows: the values (as typed), the choices and problems.
type needForm struct {
	In             need.Need
	Cost           string // as typed, so a bad amount comes back unchanged
	Rounds         []need.Round
	Municipalities []municipality.Municipality // for coordinators; editors add their own
	Form           form
}

// Services shows the service codes as the form's text.
func (f needForm) Services() string { return strings.Join(f.In.ServiceCodes, ", ") }

// needFormPage adds a need.
type needFormPage struct {
	needPage
	needForm
}

// readNeed reads the need form over n, keeping what the form does not hold.
func readNeed(r *http.Request, n need.Need, p *kovit.Problems) (need.Need, string) {
	n.Title = r.PostFormValue("title")
	n.Description = r.PostFormValue("description")
	n.Category = need.Category(r.PostFormValue("category"))
	n.ServiceCodes = strings.FieldsFunc(r.PostFormValue("service_codes"), func(c rune) bool { return c == ',' || c == ';' || c == ' ' })
	n.Systems = r.PostFormValue("systems")
	cost := strings.TrimSpace(r.PostFormValue("cost"))
	n.Cost = formMoney(r, "cost", "need.error.money", p)
	n.Urgency = need.Urgency(r.PostFormValue("urgency"))
	n.Timeframe = r.PostFormValue("timeframe")
	n.ContactName = r.PostFormValue("contact_name")
	n.ContactEmail = r.PostFormValue("contact_email")
	n.RoundID = formID(r, "round_id", p)
	if v := r.PostFormValue("version"); v != "" {
		n.Version = formInt(r, "version", p)
	}
	n.Normalize()
	return n, cost
}

// fillNeedForm loads the form's choices: open rounds, and every municipality for those
// who add needs for any.
func (ui *UI) fillNeedForm(r *http.Request, f *needForm) error {
	rounds, err := ui.Needs.ListRounds(r.Context())
	if err != nil {
		return err
	}
	for _, rd := range rounds {
		if rd.Open || (f.In.RoundID != nil && *f.In.RoundID == rd.ID) {
			f.Rounds = append(f.Rounds, rd)
		}
	}
	if auth.ListScope(auth.UserFrom(r.Context())).EveryMunicipality() {
		f.Municipalities, err = ui.allMunicipalities(r.Context())
	} else {
		f.Municipalities, err = ui.ownMunicipalities(r.Context(), auth.UserFrom(r.Context()))
	}
	return err
}

func (ui *UI) needNew(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	own := auth.ChooseMunicipality(u, r.URL.Query().Get("municipality"))
	if err := auth.CanEditNeed(u, own, true); err != nil {
		return err
	}
	in := need.Need{MunicipalityEHAK: own, ContactName: u.Name, ContactEmail: u.Email}
	if id, err := strconv.ParseInt(r.URL.Query().Get("round"), 10, 64); err == nil {
		in.RoundID = &id
	}
	in.Normalize()
	return ui.renderNeedForm(w, r, http.StatusOK, needForm{In: in})
}

func (ui *UI) renderNeedForm(w http.ResponseWriter, r *http.Request, status int, f needForm) error {
	np, err := ui.needPage(r, "needui.new.title")
	if err != nil {
		return err
	}
	if err := ui.fillNeedForm(r, &f); err != nil {
		return err
	}
	ui.render(w, r, status, "need/new", needFormPage{needPage: np, needForm: f})
	return nil
}

// needCreate saves a new need as a draft of the editor's municipality, or of the one a
// coordinator chose.
func (ui *UI) needCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	var problems kovit.Problems
	n, cost := readNeed(r, need.Need{}, &problems)
	// An editor's form has no choice of municipality: their own is the default.
	n.MunicipalityEHAK = r.PostFormValue("municipality_ehak")
	if n.MunicipalityEHAK == "" {
		n.MunicipalityEHAK = auth.ListScope(u).Municipality
	}
	if err := auth.CanEditNeed(u, n.MunicipalityEHAK, true); err != nil {
		return err
	}
	alsoInvalid(&problems, n.Validate())
	var created need.Need
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Needs.CreateNeed(ctx, n); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/needs/"+strconv.FormatInt(created.ID, 10), "flash.saved")
	}
	return ui.renderNeedForm(w, r, status, needForm{In: n, Cost: cost, Form: form{Problems: problems}})
}

// needUpdate saves the need's content: its municipality's editors while it is a draft or
// returned, coordinators always.
func (ui *UI) needUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	old, err := ui.readableNeed(ctx, id)
	if err != nil {
		return err
	}
	if err := auth.CanEditNeed(auth.UserFrom(ctx), old.MunicipalityEHAK, old.State.Editable()); err != nil {
		return err
	}
	var problems kovit.Problems
	n, cost := readNeed(r, old, &problems)
	alsoInvalid(&problems, n.Validate())
	status, problems, err := trySave(problems, func() error { _, err := ui.Needs.UpdateNeed(ctx, n); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/needs/"+strconv.FormatInt(id, 10), "flash.saved")
	}
	p, err := ui.loadNeedShow(r, id)
	if err != nil {
		return err
	}
	p.Edit.Form.refused(p.L, status, problems, &n.Version, p.N.Version)
	p.Edit.In, p.Edit.Cost = n, cost
	ui.render(w, r, status, "need/show", p)
	return nil
}

// RoundIs reports whether the need is in round id.
func (f needForm) RoundIs(id int64) bool { return f.In.RoundID != nil && *f.In.RoundID == id }

// View is the page's form for the need-fields partial.
func (p needFormPage) View() needFormView { return p.FormView(p.needForm) }

// alsoInvalid adds the domain's problems to those found reading a form, so one post names
// every bad field, not only the ones that could not be read.
func alsoInvalid(p *kovit.Problems, err error) {
	if len(*p) == 0 {
		return // the store validates, and reports, a form that reads
	}
	for _, f := range kovit.FieldsOf(err) {
		if !p.Has(f.Field) {
			p.Add(f.Field, f.Key)
		}
	}
}
