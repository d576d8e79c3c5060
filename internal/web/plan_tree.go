package web

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// planTreePage is a strategy's tree with the progress of every level, for everyone; the
// internal notes for signed-in users; the form to add items for those who may edit.
type planTreePage struct {
	planPage
	S         plan.Strategy
	Rows      []treeRow
	Progress  *float64 // the strategy as a whole; nil with nothing to measure
	Counts    []statusCount
	Direction int64  // filter: only this branch
	Status    string // filter: only activities in this status
	Branches  []treeRow
	CanEdit   bool
	Internal  bool      // the user may read internal notes
	New       plan.Node // the new-item form's values
	Form      form
}

// treeRow is one node of the tree in reading order, with its depth for indenting.
type treeRow struct {
	N        plan.Node
	Depth    int
	Progress *float64
	Parts    int // participants of a joint activity
	Done     int // of which done
}

// statusCount is how many activities have a status.
type statusCount struct {
	Status plan.Status
	Count  int
}

// Kinds are the levels a new item may be.
func (p planTreePage) Kinds() []plan.Kind {
	return []plan.Kind{plan.Goal, plan.Direction, plan.Activity}
}

// Path is the tree page's address.
func (p planTreePage) Path() string { return "/plan/" + strconv.FormatInt(p.S.ID, 10) }

// ParentValue is the new-item form's parent as an option value.
func (p planTreePage) ParentValue() int64 {
	if p.New.ParentID == nil {
		return 0
	}
	return *p.New.ParentID
}

// treeRows walks the tree depth first from the top, so each node follows its parent.
func treeRows(t plan.Tree, progress map[int64]float64) []treeRow {
	children := t.Children()
	statuses := plan.Statuses(t.Strategy.Statuses)
	type count struct{ parts, done int }
	parts := map[int64]count{}
	for _, pt := range t.Participants {
		c := parts[pt.ActivityID]
		c.parts++
		if s, ok := statuses.Find(pt.Status); ok && s.Done {
			c.done++
		}
		parts[pt.ActivityID] = c
	}
	var out []treeRow
	var walk func(id int64, depth int)
	walk = func(id int64, depth int) {
		for _, n := range children[id] {
			row := treeRow{N: n, Depth: depth, Parts: parts[n.ID].parts, Done: parts[n.ID].done}
			if v, ok := progress[n.ID]; ok {
				row.Progress = &v
			}
			out = append(out, row)
			walk(n.ID, depth+1)
		}
	}
	walk(plan.StrategyKey, 0)
	return out
}

// filterRows keeps the branch under direction (0: all) and, with a status, only the
// activities in it and the items above them.
func filterRows(rows []treeRow, direction int64, status string) []treeRow {
	var out []treeRow
	in, depth := direction == 0, 0
	for _, r := range rows {
		if direction != 0 {
			switch {
			case r.N.ID == direction:
				in, depth = true, r.Depth
			case in && r.Depth <= depth:
				in = false
			}
		}
		if !in || (status != "" && r.N.Kind == plan.Activity && r.N.Status != status) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func (ui *UI) loadPlanTree(r *http.Request) (planTreePage, error) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return planTreePage{}, err
	}
	s, err := ui.readableStrategy(ctx, id)
	if err != nil {
		return planTreePage{}, err
	}
	t, err := ui.Plans.StrategyTree(ctx, s.ID)
	if err != nil {
		return planTreePage{}, err
	}
	p := planTreePage{planPage: planPage{ui.page(r, "")}, S: t.Strategy,
		Internal: auth.Allowed(auth.CanReadInternal(auth.UserFrom(ctx))), CanEdit: auth.Allowed(ui.mayEditStrategy(ctx, s))}
	if !p.Internal {
		t = t.Public()
	}
	p.Title, _ = s.Title(p.L.Lang)
	p.Nav = "plan"
	progress := plan.Rollup(t)
	if v, ok := progress[plan.StrategyKey]; ok {
		p.Progress = &v
	}
	all := treeRows(t, progress)
	var problems kovit.Problems
	q := r.URL.Query()
	if d := q.Get("direction"); d != "" {
		p.Direction, _ = strconv.ParseInt(d, 10, 64)
	}
	p.Status = q.Get("status")
	if _, ok := plan.Statuses(s.Statuses).Find(p.Status); p.Status != "" && !ok {
		problems.Add("status", "plan.error.status")
	}
	if err := problems.Err(); err != nil {
		return p, err
	}
	p.Rows = filterRows(all, p.Direction, p.Status)
	for _, row := range all {
		if row.N.Kind != plan.Activity {
			p.Branches = append(p.Branches, row)
		}
	}
	for _, st := range s.Statuses {
		c := statusCount{Status: st}
		for _, row := range all {
			if row.N.Kind == plan.Activity && row.N.Status == st.Key {
				c.Count++
			}
		}
		p.Counts = append(p.Counts, c)
	}
	p.New = plan.Node{Kind: plan.Activity, Weight: 1}
	return p, nil
}

func (ui *UI) planShow(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPlanTree(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "plan/show", p)
	return nil
}
