package web

import (
	"net/http"
	"net/url"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/security"
)

// securityAssessmentPage is a municipality's assessment in a round: its figures, every
// module with its state, and the report (target tier, sign-off, council date). Only the
// municipality itself and coordinators reach it (auth.CanReadAssessment).
type securityAssessmentPage struct {
	securityPage
	EHAK     string
	V        security.View
	Writable bool
	Report   security.Assessment // the report form, as typed
	Form     form
}

// Base is the assessment's address, which its module pages and forms extend.
func (p securityAssessmentPage) Base() string {
	return "/security/rounds/" + strconv.FormatInt(p.V.Round.ID, 10) + "/municipalities/" + url.PathEscape(p.EHAK)
}

// loadAssessment reads what user may read of municipality ehak's assessment in round id:
// the policy first, so another municipality learns nothing, not even whether it started.
func (ui *UI) loadAssessment(r *http.Request) (securityAssessmentPage, error) {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanReadAssessment(auth.UserFrom(ctx), ehak); err != nil {
		return securityAssessmentPage{}, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return securityAssessmentPage{}, err
	}
	sp, err := ui.securityPage(r, "")
	if err != nil {
		return securityAssessmentPage{}, err
	}
	if _, ok := sp.Names[ehak]; !ok {
		return securityAssessmentPage{}, kovit.NotFound()
	}
	v, err := security.LoadView(r.Context(), ui.Security, id, ehak)
	if err != nil {
		return securityAssessmentPage{}, err
	}
	sp.Title = sp.L.T("security.assessment.title", "Name", sp.Name(ehak), "Round", v.Round.Title)
	p := securityAssessmentPage{securityPage: sp, EHAK: ehak, V: v, Writable: v.Round.Writable(sp.Today)}
	if v.Assessment != nil {
		p.Report = *v.Assessment
	}
	return p, nil
}

func (ui *UI) securityAssessment(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadAssessment(r)
	if err != nil {
		return err
	}
	if isExport(r) {
		return tabularWrite(w, r, "e-its-"+p.EHAK, security.AssessmentSheet(p.V, p.L.Lang, p.Status))
	}
	ui.render(w, r, http.StatusOK, "security/assessment", p)
	return nil
}

// securityStart starts the assessment, prefilled from last year's.
func (ui *UI) securityStart(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanAnswerAssessment(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rd, err := ui.Security.SecurityRound(ctx, id)
	if err != nil {
		return err
	}
	if !rd.Writable(security.Day(ui.Now())) {
		return security.ErrClosed
	}
	if _, err := ui.Security.StartSecurityAssessment(ctx, id, ehak); err != nil {
		return err
	}
	return ui.redirect(w, r, r.URL.Path[:len(r.URL.Path)-len("/start")], "flash.saved")
}

// securityReport saves the target tier, the management's sign-off and the council date.
func (ui *UI) securityReport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanAnswerAssessment(auth.UserFrom(ctx), r.PathValue("ehak")); err != nil {
		return err
	}
	p, err := ui.loadAssessment(r)
	if err != nil {
		return err
	}
	if p.V.Assessment == nil {
		return kovit.NotFound()
	}
	var problems kovit.Problems
	in := security.Assessment{RoundID: p.V.Round.ID, MunicipalityEHAK: p.EHAK, TargetTier: security.Tier(r.PostFormValue("target_tier")),
		SignedOffBy: r.PostFormValue("signed_off_by"), SignedOffOn: r.PostFormValue("signed_off_on"),
		CouncilDate: r.PostFormValue("council_date"), Version: formInt(r, "version", &problems)}
	status, problems, err := trySave(problems, func() error { _, err := ui.Security.UpdateSecurityAssessment(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Base(), "flash.saved")
	}
	p.Form.refused(p.L, status, problems, &in.Version, p.V.Assessment.Version)
	p.Report = in
	ui.render(w, r, status, "security/assessment", p)
	return nil
}
