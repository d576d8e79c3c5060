package web

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// ownPlans are municipality ehak's own plans that can take a new activity: its
// strategies not archived.
func (ui *UI) ownPlans(ctx context.Context, ehak string) ([]plan.Strategy, error) {
	orgs, err := ui.Plans.ListOrganisations(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		if o.MunicipalityEHAK != ehak {
			continue
		}
		all, _, err := ui.Plans.ListStrategies(ctx, plan.StrategyFilter{OwnerID: o.ID, Limit: 500})
		if err != nil {
			return nil, err
		}
		var out []plan.Strategy
		for _, s := range all {
			if s.Status.Writable() == nil {
				out = append(out, s)
			}
		}
		return out, nil
	}
	return nil, nil
}

// securityActivity makes a "not implemented" answer an activity in the municipality's own
// plan in one click, and opens the activity.
func (ui *UI) securityActivity(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	ehak := r.PathValue("ehak")
	if err := auth.CanAnswerAssessment(u, ehak); err != nil {
		return err
	}
	if err := auth.CanEditStrategy(u, ehak); err != nil {
		return err
	}
	p, err := ui.loadModule(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	strategy := formID(r, "strategy_id", &problems)
	if strategy == nil {
		problems.Add("strategy_id", "error.required")
		return problems.Err()
	}
	n, err := ui.Security.PlanSecurityActivity(ctx, p.V.Round.ID, ehak, p.M.Module.Code, r.PathValue("measure"), *strategy)
	if err != nil {
		return err
	}
	return ui.redirect(w, r, "/plan/activities/"+strconv.FormatInt(n.ID, 10), "flash.saved")
}
