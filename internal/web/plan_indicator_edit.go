package web

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// mayEditIndicator checks the right to change the indicator with id before anything of it
// is shown: an unknown one is refused as a national strategy's would be.
func (ui *UI) mayEditIndicator(ctx context.Context, id int64) error {
	ind, err := ui.Plans.Indicator(ctx, id)
	if err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	return ui.mayEditStrategyID(ctx, ind.StrategyID, false)
}

// editablePlanIndicator loads the indicator page for someone who may edit it.
func (ui *UI) editablePlanIndicator(r *http.Request) (planIndicatorPage, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return planIndicatorPage{}, err
	}
	if err := ui.mayEditIndicator(r.Context(), id); err != nil {
		return planIndicatorPage{}, err
	}
	return ui.loadPlanIndicator(r)
}

// planIndicatorCreate adds an indicator from the tree page's form.
func (ui *UI) planIndicatorCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := ui.mayEditStrategyID(ctx, id, false); err != nil {
		return err
	}
	in, ind, problems := readIndicatorForm(r, plan.Indicator{StrategyID: id})
	var created plan.Indicator
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Plans.CreateIndicator(ctx, ind); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/plan/indicators/"+strconv.FormatInt(created.ID, 10), "flash.saved")
	}
	p, err := ui.loadPlanTree(r)
	if err != nil {
		return err
	}
	p.NewIndicator, p.IndicatorForm.Problems = in, formFields(problems)
	ui.render(w, r, status, "plan/show", p)
	return nil
}

// planIndicatorUpdate saves the edit form; the matrix source stays as stored.
func (ui *UI) planIndicatorUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanIndicator(r)
	if err != nil {
		return err
	}
	in, ind, problems := readIndicatorForm(r, p.I)
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.UpdateIndicator(ctx, ind); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path(), "flash.saved")
	}
	p.Form.refused(p.L, status, formFields(problems), &in.Version, p.I.Version)
	p.Edit = in
	ui.render(w, r, status, "plan/indicator", p)
	return nil
}

// planIndicatorDelete removes an indicator with its values and goes back to the tree.
func (ui *UI) planIndicatorDelete(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanIndicator(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	version := formInt(r, "version", &problems)
	status, problems, err := trySave(problems, func() error { return ui.Plans.DeleteIndicator(ctx, p.I.ID, version) })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/plan/"+strconv.FormatInt(p.S.ID, 10), "indicator.flash.deleted")
	}
	p.Form.Problems = problems
	if status == http.StatusConflict {
		p.Form.Message = p.L.T("indicator.error.delete_conflict")
	}
	ui.render(w, r, status, "plan/indicator", p)
	return nil
}

// planValueAdd adds a measured value; an indicator computed from the matrix takes none.
func (ui *UI) planValueAdd(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanIndicator(r)
	if err != nil {
		return err
	}
	in, m, problems := readMeasurementForm(r, p.I)
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.AddMeasurement(ctx, m); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path(), "flash.saved")
	}
	p.NewValue, p.ValueForm.Problems = in, problems
	ui.render(w, r, status, "plan/indicator", p)
	return nil
}

// planValueDelete removes one measured value.
func (ui *UI) planValueDelete(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	m, err := ui.Plans.Measurement(ctx, id)
	if err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	if err := ui.mayEditIndicator(ctx, m.IndicatorID); err != nil {
		return err
	}
	var problems kovit.Problems
	version := formInt(r, "version", &problems)
	status, problems, err := trySave(problems, func() error { return ui.Plans.DeleteMeasurement(ctx, id, version) })
	if err != nil {
		return err
	}
	to := "/plan/indicators/" + strconv.FormatInt(m.IndicatorID, 10)
	if status == 0 {
		return ui.redirect(w, r, to, "flash.saved")
	}
	r.SetPathValue("id", strconv.FormatInt(m.IndicatorID, 10))
	p, err := ui.loadPlanIndicator(r)
	if err != nil {
		return err
	}
	p.ValueForm.Problems = problems
	if status == http.StatusConflict {
		p.ValueForm.Message = p.L.T("indicator.error.value_conflict")
	}
	ui.render(w, r, status, "plan/indicator", p)
	return nil
}
