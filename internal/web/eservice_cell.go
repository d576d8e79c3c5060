package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// cellPage is one municipality's state for one service, with its edit and review forms.
type cellPage struct {
	esPage
	M                  municipality.Municipality
	S                  eservice.Service
	C                  eservice.Cell // as stored
	Scale              eservice.Scale
	In                 eservice.CellInput // the edit form's values
	EvidenceDate       string             // as typed, so a bad date is shown back
	Review             eservice.Review    // the review form's values
	Form, ReviewForm   form
	Events             []audit.Event
	Pager              Pager
	CanEdit, CanReview bool
}

// Met reports whether the stored cell meets a criterion; Checked whether the form does.
func (p cellPage) Met(id int64) bool     { return slices.Contains(p.C.Met, id) }
func (p cellPage) Checked(id int64) bool { return slices.Contains(p.In.Met, id) }

// Bottleneck is what keeps the stored cell from the next level.
func (p cellPage) Bottleneck() []eservice.Criterion { return p.Scale.Bottleneck(p.C.Offering, p.C.Met) }

// LevelName names level n in the page's language.
func (p cellPage) LevelName(n int) string {
	for _, l := range p.Scale {
		if l.Number == n {
			return l.Name(p.L.Lang)
		}
	}
	return ""
}

// Offerings are the choices of the offering radio buttons.
func (p cellPage) Offerings() []string {
	return []string{string(eservice.Offered), string(eservice.NotOffered), string(eservice.NotApplicable)}
}

func (p cellPage) CellPath() string { return "/eservices/" + p.M.EHAK + "/" + p.S.Code }

// formMessageView lets the shared "form-message" partial show the review form's problems.
type formMessageView struct {
	L    *i18n.Printer
	Form form
}

func (p cellPage) ReviewMessage() formMessageView { return formMessageView{p.L, p.ReviewForm} }

// loadCell reads everything the cell page shows, with the forms filled from storage.
func (ui *UI) loadCell(r *http.Request) (cellPage, error) {
	ctx, ehak, code := r.Context(), r.PathValue("ehak"), r.PathValue("code")
	var p cellPage
	var err error
	if p.M, err = ui.Municipalities.Municipality(ctx, ehak); err != nil {
		return p, err
	}
	if p.S, err = ui.Services.Service(ctx, code); err != nil {
		return p, err
	}
	if p.C, err = ui.Services.Cell(ctx, ehak, code); err != nil {
		return p, err
	}
	if p.Scale, err = ui.Services.Scale(ctx); err != nil {
		return p, err
	}
	var problems kovit.Problems
	pg := readPage(r.URL.Query(), 20, &problems)
	f := audit.Filter{Entity: audit.KindServiceCell, EntityID: ehak + "/" + code, Limit: pg.Limit, Offset: pg.Offset}
	if err := problems.Err(); err != nil {
		return p, err
	}
	events, total, err := ui.Audit.ListEvents(ctx, f)
	if err != nil {
		return p, err
	}
	u := auth.UserFrom(ctx)
	p.esPage = esPage{ui.page(r, "")}
	p.Title, p.Nav = p.L.T("eservice.cell.title", "Service", p.S.Name(p.L.Lang), "Name", p.M.Name), "eservices"
	p.Events, p.Pager = events, newPager(r.URL.Path, r.URL.Query(), total, f.Limit, f.Offset)
	p.CanEdit = auth.Allowed(auth.CanEditMunicipality(u, ehak)) && !p.S.Retired
	p.CanReview = auth.Allowed(auth.CanEditNational(u)) && p.C.Version > 0
	p.In = eservice.CellInput{Met: p.C.Met, URL: p.C.URL, System: p.C.System, EvidenceURL: p.C.EvidenceURL, Version: p.C.Version}
	if p.C.Version > 0 {
		p.In.Offering = p.C.Offering // a new cell has no answer until the editor gives one
	}
	if d := p.C.EvidenceCheckedOn; d != nil {
		p.EvidenceDate = d.Format(time.DateOnly)
	}
	p.Review = eservice.Review{Verification: p.C.Verification, Version: p.C.Version}
	return p, nil
}

func (ui *UI) eserviceCell(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadCell(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "eservice/cell", p)
	return nil
}

// cellInputFrom reads the edit form. A date may come as 2026-11-25 (input type=date) or,
// from browsers without a date picker, as 25.11.2026.
func cellInputFrom(r *http.Request) (eservice.CellInput, string, kovit.Problems) {
	var p kovit.Problems
	in := eservice.CellInput{Offering: eservice.Offering(r.PostFormValue("offering")),
		URL: strings.TrimSpace(r.PostFormValue("url")), System: strings.TrimSpace(r.PostFormValue("system")),
		EvidenceURL: strings.TrimSpace(r.PostFormValue("evidence_url")), Version: intParam(r.PostForm, "version", &p)}
	for _, v := range r.PostForm["met"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			p.Add("criteria_met", "error.unknown_criterion")
			break
		}
		in.Met = append(in.Met, id)
	}
	date := strings.TrimSpace(r.PostFormValue("evidence_checked_on"))
	if d, ok := tabular.ParseDate(date); ok {
		in.EvidenceCheckedOn = d
	} else {
		p.Add("evidence_checked_on", "error.date")
	}
	return in, date, p
}

func (ui *UI) eserviceCellSave(w http.ResponseWriter, r *http.Request) error {
	ctx, ehak, code := r.Context(), r.PathValue("ehak"), r.PathValue("code")
	if err := auth.CanEditMunicipality(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	in, date, problems := cellInputFrom(r)
	if len(problems) > 0 {
		// Report the domain's problems too, so one round trip shows every field to fix.
		scale, err := ui.Services.Scale(ctx)
		if err != nil {
			return err
		}
		for _, f := range kovit.FieldsOf(in.Validate(scale)) {
			if !problems.Has(f.Field) {
				problems = append(problems, f)
			}
		}
	}
	status, problems, err := trySave(problems, func() error { _, err := ui.Services.SaveCell(ctx, ehak, code, in); return err })
	if err != nil {
		return err
	}
	if status == 0 && r.PostFormValue("then") == "next" {
		next, err := ui.nextUnfilled(ctx, ehak, code)
		if err != nil {
			return err
		}
		return ui.redirect(w, r, next, "flash.saved")
	}
	if status == 0 {
		return ui.redirect(w, r, "/eservices/"+ehak+"/"+code, "flash.saved")
	}
	p, err := ui.loadCell(r)
	if err != nil {
		return err
	}
	// Keep what the editor chose, show what is stored now, and let a second save (now on
	// the current version) be a deliberate choice.
	p.Form.refused(p.L, status, problems, &in.Version, p.C.Version)
	p.In, p.EvidenceDate = in, date
	ui.render(w, r, status, "eservice/cell", p)
	return nil
}

func (ui *UI) eserviceCellReview(w http.ResponseWriter, r *http.Request) error {
	ctx, ehak, code := r.Context(), r.PathValue("ehak"), r.PathValue("code")
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	rv := eservice.Review{Verification: eservice.Verification(r.PostFormValue("verification")),
		Reason: strings.TrimSpace(r.PostFormValue("reason")), Version: intParam(r.PostForm, "version", &problems)}
	status, problems, err := trySave(problems, func() error { _, err := ui.Services.ReviewCell(ctx, ehak, code, rv); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/eservices/"+ehak+"/"+code, "eservice.flash.reviewed")
	}
	p, err := ui.loadCell(r)
	if err != nil {
		return err
	}
	p.ReviewForm.refused(p.L, status, problems, &rv.Version, p.C.Version)
	p.Review = rv
	ui.render(w, r, status, "eservice/cell", p)
	return nil
}
