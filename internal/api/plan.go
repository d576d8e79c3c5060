package api

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// StrategyTree is a strategy with every node of its tree in reading order, each with its
// rolled-up progress.
type StrategyTree struct {
	Strategy plan.Strategy `json:"strategy"`
	// Progress is the strategy's as a whole; null with nothing to measure.
	Progress *float64   `json:"progress"`
	Nodes    []TreeNode `json:"nodes"`
}

// TreeNode is a node with its progress from 0 to 1 (plan.Rollup); null when the node has
// nothing to measure, so an empty branch does not read as 0 %.
type TreeNode struct {
	plan.Node
	Progress *float64 `json:"progress"`
}

// ActivityDetail is one activity with the municipalities taking part and its tasks.
type ActivityDetail struct {
	Activity     plan.Node          `json:"activity"`
	Progress     *float64           `json:"progress"`
	Participants []plan.Participant `json:"participants"`
	Tasks        []plan.Task        `json:"tasks"`
}

// listStrategies lists what the plan pages list: adopted and archived strategies for
// everyone, drafts too for signed-in users.
func (a *API) listStrategies(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	f := plan.Readable(auth.ReadableDrafts(auth.UserFrom(ctx)))
	if pg.Limit > 0 {
		f.Limit = pg.Limit
	}
	f.Offset = pg.Offset
	items, total, err := a.plans.ListStrategies(ctx, f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, page[plan.Strategy]{orEmpty(items), total, f.Limit, f.Offset})
}

func (a *API) getStrategy(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	s, err := a.readableStrategy(r.Context(), id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, s)
}

func (a *API) strategyTree(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return err
	}
	s, err := a.readableStrategy(ctx, id)
	if err != nil {
		return err
	}
	t, err := a.plans.StrategyTree(ctx, s.ID)
	if err != nil {
		return err
	}
	if !auth.Allowed(auth.CanReadInternal(auth.UserFrom(ctx))) {
		t = t.Public()
	}
	progress := plan.Rollup(t)
	out := StrategyTree{Strategy: t.Strategy, Progress: share(progress, plan.StrategyKey), Nodes: []TreeNode{}}
	children := t.Children()
	var walk func(parent int64)
	walk = func(parent int64) {
		for _, n := range children[parent] {
			out.Nodes = append(out.Nodes, TreeNode{n, share(progress, n.ID)})
			walk(n.ID)
		}
	}
	walk(plan.StrategyKey)
	return a.writeJSON(w, r, http.StatusOK, out)
}

func (a *API) getActivity(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return err
	}
	n, err := a.plans.Node(ctx, id)
	if err != nil {
		return err
	}
	if n.Kind != plan.Activity {
		return kovit.NotFound()
	}
	s, err := a.readableStrategy(ctx, n.StrategyID)
	if err != nil {
		return err
	}
	if !auth.Allowed(auth.CanReadInternal(auth.UserFrom(ctx))) {
		n = n.Public()
	}
	parts, err := a.plans.Participants(ctx, plan.ParticipantFilter{ActivityID: n.ID})
	if err != nil {
		return err
	}
	tasks, err := a.plans.Tasks(ctx, n.ID)
	if err != nil {
		return err
	}
	progress := plan.Rollup(plan.Tree{Strategy: s, Nodes: []plan.Node{n}, Participants: parts})
	return a.writeJSON(w, r, http.StatusOK, ActivityDetail{n, share(progress, n.ID), orEmpty(parts), orEmpty(tasks)})
}

// readableStrategy loads a strategy the user may see (plan.CheckRead).
func (a *API) readableStrategy(ctx context.Context, id int64) (plan.Strategy, error) {
	s, err := a.plans.Strategy(ctx, id)
	if err == nil {
		err = plan.CheckRead(ctx, a.plans, s, auth.StrategyReader(auth.UserFrom(ctx)))
	}
	if err != nil {
		return plan.Strategy{}, err
	}
	return s, nil
}

// share is progress[id], or nil when the roll-up has nothing to measure there.
func share(progress map[int64]float64, id int64) *float64 {
	v, ok := progress[id]
	if !ok {
		return nil
	}
	return &v
}

// pathID reads the numeric {id} of the path; anything else names no record.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id < 1 {
		return 0, kovit.NotFound()
	}
	return id, nil
}
