package web

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/security"
	"kovit/internal/training"
)

// Computed reports whether the status of the answer of measure ("" the module's own row)
// is computed from the training records (training.Awareness) rather than typed: the
// awareness module's measures, or its row when it has none.
func (p securityModulePage) Computed(measure string) bool {
	return p.Awareness != nil && (measure != "" || len(p.M.Measures) == 0)
}

// ComputedStatus is the status the training records give the awareness measure.
func (p securityModulePage) ComputedStatus() security.Status {
	if p.Awareness == nil {
		return ""
	}
	return training.AwarenessStatus(*p.Awareness)
}

// TrainingURL is the address of the municipality's training figures, the computed
// status's evidence.
func (p securityModulePage) TrainingURL() string {
	return p.BaseURL + "/municipalities/" + p.EHAK + "/training"
}

// securityAwarenessApply sets the computed status on every computed answer of the
// awareness module at once, with the owner and due date the form gives for open work;
// each save is audited as a typed one is.
func (ui *UI) securityAwarenessApply(w http.ResponseWriter, r *http.Request) error {
	ctx, ehak := r.Context(), r.PathValue("ehak")
	p, err := ui.answerableModule(r)
	if err != nil {
		return err
	}
	if p.Awareness == nil {
		return kovit.NotFound()
	}
	type target struct {
		measure string
		stored  *security.Answer
	}
	var targets []target
	if len(p.M.Measures) == 0 {
		targets = append(targets, target{"", p.M.Row})
	}
	for _, m := range p.M.Measures {
		targets = append(targets, target{m.Measure.Code, m.Answer})
	}
	owner, due := r.PostFormValue("owner"), r.PostFormValue("due")
	for _, t := range targets {
		measure, stored := t.measure, t.stored
		in := security.Answer{ModuleCode: p.M.Module.Code, MeasureCode: measure, Applies: true}
		if stored != nil {
			in = *stored
		}
		if in.Owner == "" {
			in.Owner = owner
		}
		if in.Due == "" {
			in.Due = due
		}
		in = training.Awareness(in, *p.Awareness, p.TrainingURL())
		status, problems, err := trySave(nil, func() error { _, err := ui.Security.SaveSecurityAnswer(ctx, p.V.Round.ID, ehak, in); return err })
		if err != nil {
			return err
		}
		if status != 0 {
			code := measure
			if code == "" {
				code = p.M.Module.Code
			}
			p.Form.refused(p.L, status, problems, nil, 0)
			p.Refused, p.Input = code, in
			ui.render(w, r, status, "security/module", p)
			return nil
		}
	}
	return ui.redirect(w, r, p.Base()+"/modules/"+p.M.Module.Code, "security.flash.awareness")
}

// Computed reports whether the form's status is computed from the training records.
func (f answerForm) Computed() bool {
	if f.Module {
		return f.P.Computed("")
	}
	return f.P.Computed(f.Code)
}

// answerableModule is the module page of r after auth.CanAnswerAssessment: every change
// of a module's answers starts here, the policy first.
func (ui *UI) answerableModule(r *http.Request) (securityModulePage, error) {
	if err := auth.CanAnswerAssessment(auth.UserFrom(r.Context()), r.PathValue("ehak")); err != nil {
		return securityModulePage{}, err
	}
	return ui.loadModule(r)
}
