package web

import (
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/survey"
	"kovit/internal/tabular"
)

// surveyResponsePage is one municipality's response: the form while it may be answered,
// its answers otherwise, and the lead's approval.
type surveyResponsePage struct {
	surveyPage
	R          survey.Response
	Name       string
	Services   []eservice.Service
	CanAnswer  bool
	CanApprove bool
	Form       form
	// Proposals are the matrix updates the approved response proposes, for those who
	// edit the municipality's cells.
	Proposals []survey.Proposal
	// Solutions are the catalogue's accepted solutions a per-solution grid asks about, and
	// StatusProposals the landscape updates the approved response proposes (survey_landscape.go).
	Solutions       []landscape.Solution
	StatusProposals []survey.StatusProposal
	// PracticeChanges are the e-democracy practice's fields the approved response proposes
	// to change, at the practice's PracticeVersion (survey_practice.go).
	PracticeChanges []practiceChange
	PracticeVersion int
	// IndicatorChanges are the action-plan measurements the approved response proposes
	// (survey_indicator.go).
	IndicatorChanges []indicatorChange
}

// Shown reports whether question q is asked given the answers so far.
func (p surveyResponsePage) Shown(q survey.Question) bool { return survey.Shown(q, p.R.Answers) }

// Prefilled reports whether q's answer is last year's, not yet confirmed.
func (p surveyResponsePage) Prefilled(key string) bool { return slices.Contains(p.R.Prefilled, key) }

// Chosen reports whether option o is q's answer (a choice, one of the choices).
func (p surveyResponsePage) Chosen(key, o string) bool {
	a := p.R.Answers[key]
	return a.Text == o || slices.Contains(a.Choices, o)
}

// Number is q's number as a form shows it.
func (p surveyResponsePage) Number(key string) string {
	if n := p.R.Answers[key].Number; n != nil {
		return strconv.FormatFloat(*n, 'f', -1, 64)
	}
	return ""
}

// NumberText is q's number as the page's language writes it.
func (p surveyResponsePage) NumberText(key string) string {
	if n := p.R.Answers[key].Number; n != nil {
		return p.L.Num(*n, 2)
	}
	return ""
}

// Cell is a grid's answer for one service.
func (p surveyResponsePage) Cell(key, code string) string { return p.R.Answers[key].Grid[code] }

func (ui *UI) loadSurveyResponse(r *http.Request) (surveyResponsePage, error) {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	id, err := pathID(r, "id")
	if err != nil {
		return surveyResponsePage{}, err
	}
	ehak := r.PathValue("ehak")
	if err := auth.CanReadResponse(u, ehak); err != nil {
		return surveyResponsePage{}, err
	}
	s, err := ui.Surveys.Survey(ctx, id)
	if err != nil {
		return surveyResponsePage{}, err
	}
	resp, err := ui.Surveys.Response(ctx, id, ehak)
	if err != nil {
		return surveyResponsePage{}, err
	}
	m, err := ui.Municipalities.Municipality(ctx, ehak)
	if err != nil {
		return surveyResponsePage{}, err
	}
	services, err := ui.Services.ListServices(ctx, false)
	if err != nil {
		return surveyResponsePage{}, err
	}
	sp := ui.surveyPage(r, "")
	sp.S = s
	sp.Title = sp.L.T("survey.response.title", "Survey", s.Title, "Name", m.Name)
	p := surveyResponsePage{surveyPage: sp, R: resp, Name: m.Name, Services: services,
		CanAnswer:  s.Open && resp.State != survey.Approved && auth.Allowed(auth.CanAnswerSurvey(u, ehak)),
		CanApprove: resp.State == survey.Submitted && auth.Allowed(auth.CanApproveSurveyResponse(u, ehak))}
	if resp.State == survey.Approved && auth.Allowed(auth.CanEditMunicipality(u, ehak)) {
		// Its own row only, by index: a large country's whole grid is not kept.
		grid, err := ui.Services.RowGrid(ctx, []string{ehak})
		if err != nil {
			return p, err
		}
		p.Proposals = survey.Proposals(s, resp, grid[ehak])
	}
	if err := ui.surveySolutionGrid(ctx, &p, u); err != nil {
		return p, err
	}
	if err := ui.surveyPractice(ctx, &p, u); err != nil {
		return p, err
	}
	if err := ui.surveyIndicators(ctx, &p); err != nil {
		return p, err
	}
	return p, nil
}

// responseToApply is the path's response as its page shows it to one who edits the
// municipality's data, before an update its approved answers propose is applied.
func (ui *UI) responseToApply(r *http.Request) (surveyResponsePage, error) {
	if err := auth.CanEditMunicipality(auth.UserFrom(r.Context()), r.PathValue("ehak")); err != nil {
		return surveyResponsePage{}, err
	}
	return ui.loadSurveyResponse(r)
}

// surveyResponseApply applies one update the approved response proposes to the
// municipality's matrix cell, through the e-service module's own save: its version check,
// audit and verification reset.
func (ui *UI) surveyResponseApply(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	p, err := ui.responseToApply(r)
	if err != nil {
		return err
	}
	code := r.PostFormValue("service_code")
	var problems kovit.Problems
	version := formInt(r, "cell_version", &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	i := slices.IndexFunc(p.Proposals, func(x survey.Proposal) bool { return x.ServiceCode == code })
	if i < 0 {
		return kovit.Errorf(kovit.EConflict, "survey.error.no_proposal")
	}
	c, err := ui.Services.Cell(ctx, ehak, code)
	if err != nil {
		return err
	}
	in := eservice.CellInput{Offering: p.Proposals[i].Proposed, URL: c.URL, System: c.System, EvidenceURL: c.EvidenceURL,
		EvidenceCheckedOn: c.EvidenceCheckedOn, Version: version}
	if in.Offering == eservice.Offered {
		in.Met = c.Met
	}
	if _, err := ui.Services.SaveCell(ctx, ehak, code, in); err != nil {
		return err
	}
	return ui.redirect(w, r, "/surveys/"+strconv.FormatInt(p.S.ID, 10)+"/responses/"+ehak, "survey.flash.applied")
}

func (ui *UI) surveyResponse(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadSurveyResponse(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "survey/response", p)
	return nil
}

// answersFrom reads a response form: a.<key> for most questions, g.<key>.<code> for a
// grid's cells; a prefilled answer the form changed is no longer last year's.
func answersFrom(r *http.Request, s survey.Survey, stored survey.Response, p *kovit.Problems) (map[string]survey.Answer, []string) {
	out := map[string]survey.Answer{}
	for _, q := range s.Questions {
		name := "a." + q.Key
		var a survey.Answer
		switch q.Type {
		case survey.Multiple:
			for _, v := range r.PostForm[name] {
				if v != "" {
					a.Choices = append(a.Choices, v)
				}
			}
		case survey.Number, survey.Scale:
			// Thousands are often typed apart: "250 000".
			if v := strings.Join(strings.Fields(strings.ReplaceAll(r.PostFormValue(name), "\u00a0", " ")), ""); v != "" {
				f, err := tabular.ParseDecimal(v)
				if err != nil {
					p.Add("answers."+q.Key, "error.number")
					continue
				}
				a.Number = &f
			}
		case survey.ServiceGrid, survey.SolutionGrid:
			for key, vs := range r.PostForm {
				if code, ok := strings.CutPrefix(key, "g."+q.Key+"."); ok && len(vs) > 0 && vs[0] != "" {
					if a.Grid == nil {
						a.Grid = map[string]string{}
					}
					a.Grid[code] = vs[0]
				}
			}
		default:
			a.Text = r.PostFormValue(name)
		}
		if !a.Empty() {
			out[q.Key] = a
		}
	}
	var prefilled []string
	for _, k := range r.PostForm["prefilled"] {
		if was, ok := stored.Answers[k]; ok && reflect.DeepEqual(was, out[k]) {
			prefilled = append(prefilled, k)
		}
	}
	return out, prefilled
}

// surveyResponseSave saves a municipality's answers, or submits them for its lead.
func (ui *UI) surveyResponseSave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanAnswerSurvey(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	p, err := ui.loadSurveyResponse(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	answers, prefilled := answersFrom(r, p.S, p.R, &problems)
	in := survey.Response{SurveyID: p.S.ID, MunicipalityEHAK: ehak, Answers: answers, Prefilled: prefilled, Version: formInt(r, "version", &problems)}
	submit := r.PostFormValue("submit") == "true"
	status, problems, err := trySave(problems, func() error { _, err := ui.Surveys.SaveResponse(ctx, in, submit); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		flash := "flash.saved"
		if submit {
			flash = "survey.flash.submitted"
		}
		return ui.redirect(w, r, r.URL.Path, flash)
	}
	p.Form.refused(p.L, status, problems, &in.Version, p.R.Version)
	in.State = p.R.State
	p.R = in
	ui.render(w, r, status, "survey/response", p)
	return nil
}

// surveyResponseApprove makes a submitted response the municipality's official one.
func (ui *UI) surveyResponseApprove(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanApproveSurveyResponse(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var problems kovit.Problems
	version := formInt(r, "version", &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	if _, err := ui.Surveys.ApproveResponse(ctx, id, ehak, version); err != nil {
		return err
	}
	return ui.redirect(w, r, "/surveys/"+strconv.FormatInt(id, 10)+"/responses/"+ehak, "survey.flash.approved")
}
