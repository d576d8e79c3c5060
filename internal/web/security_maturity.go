package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/security"
)

// securityMaturityPage is a municipality's IT-management maturity in a round: each area's
// level and bottleneck, and the criteria it meets. It is under the same embargo as the
// answers.
type securityMaturityPage struct {
	securityAssessmentPage
	Criteria []security.MaturityCriterion
	Met      map[int64]bool
	Areas    []security.AreaLevel
}

// AreaCriteria are an area's criteria, by level.
func (p securityMaturityPage) AreaCriteria(area string) []security.MaturityCriterion {
	var out []security.MaturityCriterion
	for _, c := range p.Criteria {
		if c.Area == area {
			out = append(out, c)
		}
	}
	return out
}

func (ui *UI) loadMaturity(r *http.Request) (securityMaturityPage, error) {
	ap, err := ui.loadAssessment(r)
	if err != nil {
		return securityMaturityPage{}, err
	}
	criteria, err := ui.Security.MaturityCriteria(r.Context())
	if err != nil {
		return securityMaturityPage{}, err
	}
	met, err := ui.Security.MaturityMet(r.Context(), ap.V.Round.ID, ap.EHAK)
	if err != nil {
		return securityMaturityPage{}, err
	}
	p := securityMaturityPage{securityAssessmentPage: ap, Criteria: criteria, Met: map[int64]bool{}, Areas: security.MaturityOf(criteria, met)}
	for _, id := range met {
		p.Met[id] = true
	}
	p.Title = p.L.T("security.maturity.title") + ": " + p.Name(ap.EHAK)
	return p, nil
}

func (ui *UI) securityMaturity(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadMaturity(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "security/maturity", p)
	return nil
}

// securityMaturitySave records the criteria the municipality meets.
func (ui *UI) securityMaturitySave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanAnswerAssessment(auth.UserFrom(ctx), r.PathValue("ehak")); err != nil {
		return err
	}
	p, err := ui.loadMaturity(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	met := formIDs(r, "met", "security.error.criterion", &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	if _, err := ui.Security.SetMaturityMet(ctx, p.V.Round.ID, p.EHAK, met); err != nil {
		return err
	}
	return ui.redirect(w, r, p.Base()+"/maturity", "flash.saved")
}

// securityCriteriaPage lists the maturity criteria; coordinators edit their texts.
type securityCriteriaPage struct {
	securityPage
	Criteria []security.MaturityCriterion
	Form     form
	Refused  int64
}

func (ui *UI) securityCriteria(w http.ResponseWriter, r *http.Request) error {
	return ui.renderCriteria(w, r, http.StatusOK, 0, nil)
}

func (ui *UI) renderCriteria(w http.ResponseWriter, r *http.Request, status int, refused int64, problems kovit.Problems) error {
	p, err := ui.securityPage(r, "security.maturity.criteria")
	if err != nil {
		return err
	}
	cs, err := ui.Security.MaturityCriteria(r.Context())
	if err != nil {
		return err
	}
	ui.render(w, r, status, "security/criteria", securityCriteriaPage{securityPage: p, Criteria: cs, Refused: refused, Form: form{Problems: problems}})
	return nil
}

func (ui *UI) securityCriterionSave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanManageSecurityRounds(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	in := security.MaturityCriterion{ID: id, TextEt: r.PostFormValue("text_et"), TextEn: r.PostFormValue("text_en")}
	status, problems, err := trySave(nil, func() error { _, err := ui.Security.UpdateMaturityCriterion(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/security/maturity#c-"+strconv.FormatInt(id, 10), "flash.saved")
	}
	return ui.renderCriteria(w, r, status, id, problems)
}
