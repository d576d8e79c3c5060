package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
	"kovit/internal/survey"
)

// indicatorChange is one measurement an approved response proposes, with the indicator's
// name in the page's language.
type indicatorChange struct {
	survey.IndicatorProposal
	Name string
}

// surveyIndicators fills the measurements the approved response proposes to the
// indicators its questions map to, each only for those who may edit the indicator's plan
// (the plan module's own rule): a municipality's editors for its own plan, the
// coordinators for the national one.
func (ui *UI) surveyIndicators(ctx context.Context, p *surveyResponsePage) error {
	if p.R.State != survey.Approved {
		return nil
	}
	targets := map[int64]survey.IndicatorTarget{}
	for _, q := range p.S.Questions {
		id, ok := survey.MappedIndicator(q.Maps)
		if _, seen := targets[id]; !ok || seen {
			continue
		}
		t, ok, err := ui.indicatorTarget(ctx, id)
		if err != nil {
			return err
		}
		if ok {
			targets[id] = t
		}
	}
	for _, pr := range survey.IndicatorProposals(p.S, p.R, targets) {
		name, _ := targets[pr.Measurement.IndicatorID].Indicator.Name(p.L.Lang)
		p.IndicatorChanges = append(p.IndicatorChanges, indicatorChange{IndicatorProposal: pr, Name: name})
	}
	return nil
}

// indicatorTarget loads what proposing a value of indicator id needs, when the user may
// record its values; ok is false for an indicator gone or not the user's to measure.
func (ui *UI) indicatorTarget(ctx context.Context, id int64) (t survey.IndicatorTarget, ok bool, err error) {
	ind, err := ui.Plans.Indicator(ctx, id)
	if kovit.ErrorCode(err) == kovit.ENotFound {
		return t, false, nil
	} else if err != nil {
		return t, false, err
	}
	s, err := ui.Plans.Strategy(ctx, ind.StrategyID)
	if err != nil {
		return t, false, err
	}
	owner, err := plan.OwnerEHAK(ctx, ui.Plans, s)
	if err != nil {
		return t, false, err
	}
	if !auth.Allowed(auth.CanEditStrategy(auth.UserFrom(ctx), owner)) {
		return t, false, nil
	}
	ms, err := ui.Plans.Measurements(ctx, id)
	if err != nil {
		return t, false, err
	}
	return survey.IndicatorTarget{Indicator: ind, OwnerEHAK: owner, Measurements: ms}, true, nil
}

// surveyResponseApplyIndicator records the value the approved response proposes for one
// indicator through the plan module's own save for measurements (validation, audit), a
// new value or the day's value at the version the page showed: a value changed since is
// a conflict.
func (ui *UI) surveyResponseApplyIndicator(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanReadResponse(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	var problems kovit.Problems
	id := int64(formInt(r, "indicator_id", &problems))
	version := formInt(r, "measurement_version", &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	if err := ui.mayEditIndicator(ctx, id); err != nil {
		return err
	}
	p, err := ui.loadSurveyResponse(r)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(p.IndicatorChanges, func(x indicatorChange) bool { return x.Measurement.IndicatorID == id })
	if i < 0 {
		return kovit.Errorf(kovit.EConflict, "survey.error.no_proposal")
	}
	m := p.IndicatorChanges[i].Measurement
	if m.Version != version {
		return kovit.Conflict()
	}
	if m.ID == 0 {
		_, err = ui.Plans.AddMeasurement(ctx, m)
	} else {
		_, err = ui.Plans.UpdateMeasurement(ctx, m)
	}
	if err != nil {
		return err
	}
	return ui.redirect(w, r, "/surveys/"+strconv.FormatInt(p.S.ID, 10)+"/responses/"+ehak, "survey.flash.applied")
}
