package web

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// priorityPage ranks the consolidated needs by the coordinators' weights, showing how
// each score was reached.
type priorityPage struct {
	needPage
	Ranked   []need.Ranked
	Weights  need.Weights
	Criteria []need.Criterion
	Form     form
}

func (ui *UI) priorities(w http.ResponseWriter, r *http.Request) error {
	return ui.renderPriorities(w, r, http.StatusOK, nil, nil)
}

func (ui *UI) renderPriorities(w http.ResponseWriter, r *http.Request, status int, typed *need.Weights, problems kovit.Problems) error {
	ctx := r.Context()
	np, err := ui.needPage(r, "needui.priorities.title")
	if err != nil {
		return err
	}
	np.Nav = "consolidated"
	ranked, err := ui.Needs.Priorities(ctx, need.ConsolidatedFilter{PublishedOnly: auth.ListScope(np.User).PublishedOnly()})
	if err != nil {
		return err
	}
	weights, err := ui.Needs.Weights(ctx)
	if err != nil {
		return err
	}
	p := priorityPage{needPage: np, Ranked: ranked, Weights: weights, Criteria: need.Criteria, Form: form{Problems: problems}}
	if typed != nil {
		p.Form.refused(p.L, status, problems, &typed.Version, weights.Version)
		p.Weights = *typed
	}
	ui.render(w, r, status, "need/priorities", p)
	return nil
}

// Weight is criterion c's weight as the form shows it.
func (p priorityPage) Weight(c need.Criterion) string { return p.L.Num(p.Weights.Of(c), 1) }

// prioritiesWeights saves the coordinators' weights; the ranking follows at once.
func (ui *UI) prioritiesWeights(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var problems kovit.Problems
	wt := need.Weights{Municipalities: formFloat(r, "municipalities", &problems), Population: formFloat(r, "population", &problems),
		StrategyFit: formFloat(r, "strategy_fit", &problems), Urgency: formFloat(r, "urgency", &problems),
		CostEfficiency: formFloat(r, "cost_efficiency", &problems), Version: formInt(r, "version", &problems)}
	status, problems, err := trySave(problems, func() error { _, err := ui.Needs.SetWeights(ctx, wt); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/priorities", "flash.saved")
	}
	return ui.renderPriorities(w, r, status, &wt, problems)
}
