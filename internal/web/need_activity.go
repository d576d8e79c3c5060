package web

import (
	"context"

	"kovit/internal/plan"
)

// activityGroup is one strategy's activities, for a <select> of a project's activity.
type activityGroup struct {
	Label   string
	Options []activityOption
}

// activityOption is one activity as "code title".
type activityOption struct {
	ID    int64
	Label string
}

// activityChoices lists every strategy's activities in the plan's order (depth first,
// as its tree shows them), titled in lang.
func (ui *UI) activityChoices(ctx context.Context, lang string) ([]activityGroup, error) {
	strategies, _, err := ui.Plans.ListStrategies(ctx, plan.StrategyFilter{Limit: 500})
	if err != nil {
		return nil, err
	}
	var out []activityGroup
	for _, s := range strategies {
		t, err := ui.Plans.StrategyTree(ctx, s.ID)
		if err != nil {
			return nil, err
		}
		g := activityGroup{}
		g.Label, _ = s.Title(lang)
		children := t.Children()
		var walk func(parent int64)
		walk = func(parent int64) {
			for _, n := range children[parent] {
				if n.Kind == plan.Activity {
					title, _ := n.Title(lang)
					g.Options = append(g.Options, activityOption{ID: n.ID, Label: n.Code + " " + title})
				}
				walk(n.ID)
			}
		}
		walk(plan.StrategyKey)
		if len(g.Options) > 0 {
			out = append(out, g)
		}
	}
	return out, nil
}
