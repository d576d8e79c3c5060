package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// planTreePage is a strategy's tree with the progress of every level, for everyone; the
// internal notes for signed-in users; the form to add items for those who may edit.
type planTreePage struct {
	planPage
	S        plan.Strategy
	Rows     []treeRow
	RowsHTML template.HTML // Rows as the table's body (rowsHTML)
	Progress *float64      // the strategy as a whole; nil with nothing to measure
	Counts   []statusCount
	Filter   plan.ActivityFilter
	Branches []treeRow // goals and directions, for the branch filter and the parent choice
	Leads    []plan.Organisation
	// Municipalities are those taking part in an activity of the tree.
	Municipalities []municipality.Municipality
	CanEdit        bool
	Internal       bool      // the user may read internal notes
	New            plan.Node // the new-item form's values
	Form           form
	Indicators     []indicatorRow
	NewIndicator   indicatorInput // the new-indicator form's values
	IndicatorForm  form
	// EditText is the rows' edit link; "" for those who may not edit.
	EditText string
	// Pager pages the activities of a tree too big for one page (pageTreeRows); its
	// Total is 0 when the tree is shown whole.
	Pager Pager
}

// treeRow is one node of the tree in reading order, with its depth for indenting.
type treeRow struct {
	N        plan.Node
	Depth    int
	Progress *float64
	Parts    int // participants of a joint activity
	Done     int // of which done

	// The row's text in the page's language (label), for rowsHTML.
	Activity bool
	Title    template.HTML
	Level    string
	Status   string // with the joint activity's "done of" count
	Colour   string // the status's, for its swatch
	Percent  string
	Whole    int
}

// label fills the rows' labels in p's language.
func (p planTreePage) label(rows []treeRow) {
	for i := range rows {
		r := &rows[i]
		r.Activity = r.N.Kind == plan.Activity
		r.Title = p.Text(r.N.TitleEt, r.N.TitleEn)
		r.Level = p.LevelName(p.S.Levels, r.N.Kind)
		if r.Activity {
			r.Status = p.StatusName(p.S.Statuses, r.N.Status)
			if st, ok := p.S.Statuses.Find(r.N.Status); ok {
				r.Colour = st.Colour
			}
			if r.Parts > 0 {
				r.Status += " · " + p.L.T("planui.tree.parts_done", "Done", r.Done, "Count", r.Parts)
			}
		}
		if r.Progress != nil {
			r.Percent, r.Whole = p.Percent(*r.Progress), p.Whole(*r.Progress)
		}
	}
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

// treeRows lists the tree in reading order as f picks it: the goals and directions of its
// branch, and of the activities only those f picks.
func treeRows(t plan.Tree, progress map[int64]float64, f plan.ActivityFilter) []treeRow {
	parts := plan.Turnouts(t)
	out := make([]treeRow, 0, len(t.Nodes))
	t.Walk(f, func(n plan.Node, depth int, picked bool) {
		if n.Kind == plan.Activity && !picked {
			return
		}
		row := treeRow{N: n, Depth: depth, Parts: parts[n.ID].Taking, Done: parts[n.ID].Done}
		if v, ok := progress[n.ID]; ok {
			row.Progress = &v
		}
		out = append(out, row)
	})
	return out
}

// activityFilter reads the tree page's filters.
func activityFilter(r *http.Request) (plan.ActivityFilter, error) {
	q := r.URL.Query()
	var f plan.ActivityFilter
	var p kovit.Problems
	for _, n := range []struct {
		name string
		to   *int64
	}{{"direction", &f.Branch}, {"lead", &f.LeadOrgID}} {
		if v := q.Get(n.name); v != "" {
			id, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				p.Add(n.name, "error.number")
			}
			*n.to = id
		}
	}
	f.Status, f.Municipality = q.Get("status"), q.Get("municipality")
	return f, p.Err()
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
	if err := ui.treeFilterChoices(ctx, &p, t); err != nil {
		return p, err
	}
	if p.Filter, err = activityFilter(r); err == nil {
		err = p.Filter.Validate(t)
	}
	if err != nil {
		return p, err
	}
	if p.Rows, p.Pager, err = pagedTreeRows(r, t, progress, p.Filter); err != nil {
		return p, err
	}
	p.label(p.Rows)
	if p.CanEdit {
		p.EditText = p.L.T("planedit.node.edit_link")
	}
	p.RowsHTML = p.rowsHTML()
	p.Branches = branchRows(t, progress)
	byStatus := map[string]int{}
	for _, n := range t.Nodes {
		if n.Kind == plan.Activity {
			byStatus[n.Status]++
		}
	}
	for _, st := range s.Statuses {
		p.Counts = append(p.Counts, statusCount{Status: st, Count: byStatus[st.Key]})
	}
	p.New = plan.Node{Kind: plan.Activity, Weight: 1}
	return p, ui.treeIndicators(ctx, &p, t)
}

// treeFilterChoices lists what the lead and municipality filters offer: the organisations
// leading an activity of the tree and the municipalities taking part in one.
func (ui *UI) treeFilterChoices(ctx context.Context, p *planTreePage, t plan.Tree) error {
	orgs, err := ui.Plans.ListOrganisations(ctx)
	if err != nil {
		return err
	}
	leads := map[int64]bool{}
	for _, n := range t.Nodes {
		if n.LeadOrgID != nil {
			leads[*n.LeadOrgID] = true
		}
	}
	for _, o := range orgs {
		if leads[o.ID] {
			p.Leads = append(p.Leads, o)
		}
	}
	taking := map[string]bool{}
	for _, pt := range t.Participants {
		taking[pt.MunicipalityEHAK] = true
	}
	if len(taking) == 0 {
		return nil
	}
	ms, err := ui.allMunicipalities(ctx)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if taking[m.EHAK] {
			p.Municipalities = append(p.Municipalities, m)
		}
	}
	return nil
}

func (ui *UI) planShow(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.loadPlanTree(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "plan/show", p)
	return nil
}
