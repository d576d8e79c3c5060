package web

import (
	"kovit/internal/audit"
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/security"
	"kovit/internal/training"
)

// securityModulePage is one module of a municipality's assessment: whether it applies
// (and why not), whom it is assigned to, and its answers, at module level or per measure.
type securityModulePage struct {
	securityAssessmentPage
	M security.ModuleView
	// Refused is the form a save came back from (the module's own, or a measure's code),
	// with what was typed.
	Refused string
	Input   security.Answer
	// OwnPlans are the municipality's own plans a "not implemented" answer can become an
	// activity in; Activities the activities answers are linked to, by id.
	OwnPlans   []plan.Strategy
	Activities map[int64]plan.Node
	BaseURL    string
	// Awareness is the training coverage on the round's deadline, on the awareness
	// module's page (training.AwarenessModule): computed from the records, not typed.
	Awareness *training.Coverage
	// History is the latest changes of the module's answers; HistoryMore says the
	// assessment's history page has older ones.
	History     []audit.Event
	HistoryMore bool
	// Systems are the municipality's landscape rows, those the module covers chosen.
	Systems []moduleSystem
}

// ActivityDone reports whether the activity answer a is linked to is complete: its new
// status is proposed.
func (p securityModulePage) ActivityDone(a *security.Answer) bool {
	if a == nil || a.ActivityID == nil || a.Status != security.NotImplemented {
		return false
	}
	n, ok := p.Activities[*a.ActivityID]
	return ok && n.Completion >= 100
}

// ActivityURL is the absolute address of an activity, the evidence a done one offers.
func (p securityModulePage) ActivityURL(id int64) string {
	return p.BaseURL + "/plan/activities/" + strconv.FormatInt(id, 10)
}

// Answer is what a form shows: what was typed into a refused one, else what is stored.
func (p securityModulePage) Answer(code string, stored *security.Answer) security.Answer {
	if p.Refused == code {
		return p.Input
	}
	if stored != nil {
		return *stored
	}
	return security.Answer{Applies: true}
}

// ErrorOf is a refused form's message for field.
func (p securityModulePage) ErrorOf(code, field string) string {
	if p.Refused != code {
		return ""
	}
	return p.Form.Error(p.L, field)
}

func (ui *UI) loadModule(r *http.Request) (securityModulePage, error) {
	ap, err := ui.loadAssessment(r)
	if err != nil {
		return securityModulePage{}, err
	}
	m, ok := ap.V.Module(r.PathValue("code"))
	if !ok {
		return securityModulePage{}, kovit.NotFound()
	}
	ap.Title = m.Module.Code + " " + m.Module.TitleEt
	p := securityModulePage{securityAssessmentPage: ap, M: m, Activities: map[int64]plan.Node{}, BaseURL: strings.TrimRight(ui.BaseURL, "/")}
	answers := []*security.Answer{m.Row}
	for _, ms := range m.Measures {
		answers = append(answers, ms.Answer)
	}
	for _, a := range answers {
		if a == nil || a.ActivityID == nil {
			continue
		}
		n, err := ui.Plans.Node(r.Context(), *a.ActivityID)
		if err == nil {
			p.Activities[n.ID] = n
		} else if kovit.ErrorCode(err) != kovit.ENotFound {
			return p, err
		}
	}
	if auth.Allowed(auth.CanEditStrategy(ap.User, ap.EHAK)) {
		if p.OwnPlans, err = ui.ownPlans(r.Context(), ap.EHAK); err != nil {
			return p, err
		}
	}
	if p.Awareness, err = ui.awarenessOf(r.Context(), ap.EHAK, m.Module.Code, ap.V.Round.Deadline); err != nil {
		return p, err
	}
	if err := ui.loadModuleSystems(&p, r); err != nil {
		return p, err
	}
	return p, ui.moduleHistory(&p, r)
}

func (ui *UI) securityModule(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadModule(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "security/module", p)
	return nil
}

// answerFromForm reads a module's or a measure's answer form.
func answerFromForm(r *http.Request, module, measure string, p *kovit.Problems) security.Answer {
	return security.Answer{ModuleCode: module, MeasureCode: measure, Applies: r.PostFormValue("applies") != "no",
		ExcludedReason: r.PostFormValue("excluded_reason"), Assignee: r.PostFormValue("assignee"),
		Status: security.Status(r.PostFormValue("status")), Owner: r.PostFormValue("owner"), Due: r.PostFormValue("due"),
		Justification: r.PostFormValue("justification"), Evidence: r.PostFormValue("evidence"), Version: formInt(r, "version", p)}
}

// securityAnswerSave saves the module's own row (measure "") or a measure's answer.
func (ui *UI) securityAnswerSave(w http.ResponseWriter, r *http.Request) error {
	ctx, ehak := r.Context(), r.PathValue("ehak")
	p, err := ui.answerableModule(r)
	if err != nil {
		return err
	}
	measure := r.PathValue("measure")
	if measure != "" {
		found := false
		for _, m := range p.M.Measures {
			found = found || m.Measure.Code == measure
		}
		if !found {
			return kovit.NotFound()
		}
	}
	var problems kovit.Problems
	in := answerFromForm(r, p.M.Module.Code, measure, &problems)
	if p.Computed(measure) {
		in = training.Awareness(in, *p.Awareness, p.TrainingURL())
	}
	status, problems, err := trySave(problems, func() error {
		_, err := ui.Security.SaveSecurityAnswer(ctx, p.V.Round.ID, ehak, in)
		return err
	})
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Base()+"/modules/"+p.M.Module.Code, "flash.saved")
	}
	p.Form.refused(p.L, status, problems, nil, 0)
	code := measure
	if code == "" {
		code = p.M.Module.Code
	}
	p.Refused, p.Input = code, in
	ui.render(w, r, status, "security/module", p)
	return nil
}

// securityConfirm confirms a module's answers prefilled from last year, as they are.
func (ui *UI) securityConfirm(w http.ResponseWriter, r *http.Request) error {
	ctx, ehak := r.Context(), r.PathValue("ehak")
	p, err := ui.answerableModule(r)
	if err != nil {
		return err
	}
	if _, err := ui.Security.ConfirmSecurityModule(ctx, p.V.Round.ID, ehak, p.M.Module.Code); err != nil {
		return err
	}
	return ui.redirect(w, r, p.Base()+"/modules/"+p.M.Module.Code, "flash.saved")
}

// answerForm is one answer's form on the module page.
type answerForm struct {
	P      securityModulePage
	Code   string // the module's or the measure's code, which also prefixes field ids
	Action string
	A      security.Answer
	Module bool // the module's own row: applies, reason, assignee
	Status bool // whether it takes a status (a measure, or a module without measures)
	// Stored is the answer as saved (nil when unanswered), for its plan activity.
	Stored *security.Answer
}

// ModuleForm is the form of the module's own row.
func (p securityModulePage) ModuleForm() answerForm {
	code := p.M.Module.Code
	return answerForm{P: p, Code: code, Action: p.Base() + "/modules/" + code, A: p.Answer(code, p.M.Row), Module: true,
		Status: len(p.M.Measures) == 0, Stored: p.M.Row}
}

// MeasureForm is a measure's form.
func (p securityModulePage) MeasureForm(m security.MeasureView) answerForm {
	return answerForm{P: p, Code: m.Measure.Code, Action: p.Base() + "/modules/" + p.M.Module.Code + "/measures/" + m.Measure.Code,
		A: p.Answer(m.Measure.Code, m.Answer), Status: true, Stored: m.Answer}
}

// Error is the form's message for field.
func (f answerForm) Error(field string) string { return f.P.ErrorOf(f.Code, field) }
