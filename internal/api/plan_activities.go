package api

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// ActivityItem is one activity of the activity list, with its rolled-up progress and, for
// a joint activity, how many municipalities take part and how many are done.
type ActivityItem struct {
	plan.Node
	Progress         *float64 `json:"progress"`
	Participants     int      `json:"participants"`
	ParticipantsDone int      `json:"participants_done"`
}

// listActivities lists the activities of every strategy the user may read, or of one, in
// tree order, filtered as the tree page filters. Trees come from the store's in-memory
// copy, so the list costs a roll-up per strategy and no query per activity.
func (a *API) listActivities(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	strategyID := int64(q.int("strategy"))
	f := plan.ActivityFilter{Branch: int64(q.int("direction")), Status: q.str("status"),
		LeadOrgID: int64(q.int("lead")), Municipality: q.str("municipality")}
	pg := q.page()
	if pg.Limit == 0 {
		pg.Limit = 50
	}
	var p kovit.Problems
	if (f.Branch != 0 || f.Status != "") && strategyID == 0 {
		// Branches and statuses belong to one strategy.
		p.Add("strategy", "error.required")
	}
	if err := q.check(p.Err()); err != nil {
		return err
	}
	internal := auth.Allowed(auth.CanReadInternal(auth.UserFrom(ctx)))
	var ids []int64
	if strategyID != 0 {
		ids = []int64{strategyID}
	} else {
		strategies, _, err := a.plans.ListStrategies(ctx, plan.Readable(auth.ReadableDrafts(auth.UserFrom(ctx))))
		if err != nil {
			return err
		}
		for _, s := range strategies {
			ids = append(ids, s.ID)
		}
	}
	out := page[ActivityItem]{Items: []ActivityItem{}, Limit: pg.Limit, Offset: pg.Offset}
	for _, id := range ids {
		// The tree comes from memory, so its strategy is checked rather than read again.
		t, err := a.plans.StrategyTree(ctx, id)
		if err != nil {
			return err
		}
		if err := plan.CheckRead(ctx, a.plans, t.Strategy, auth.StrategyReader(auth.UserFrom(ctx))); err != nil {
			return err
		}
		if err := f.Validate(t); err != nil {
			return err
		}
		progress := plan.Rollup(t)
		turnout := plan.Turnouts(t)
		t.Walk(f, func(n plan.Node, _ int, picked bool) {
			if !picked {
				return
			}
			out.Total++
			if out.Total <= pg.Offset || len(out.Items) == pg.Limit {
				return
			}
			if !internal {
				n = n.Public()
			}
			c := turnout[n.ID]
			out.Items = append(out.Items, ActivityItem{n, share(progress, n.ID), c.Taking, c.Done})
		})
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}
