package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// planNodeEditPage is the form for a goal's or direction's own fields, with the buttons
// that move it among its siblings and delete it. Activities have their fuller form on
// their own page; they are moved and deleted here too.
type planNodeEditPage struct {
	planPage
	S        plan.Strategy
	N        plan.Node // as stored
	Edit     plan.Node // the form's values
	Form     form
	Place    int // N's place among its siblings, from 1
	Siblings int // how many there are, N included
}

// Path is the form's own address; the move and delete forms post beside it.
func (p planNodeEditPage) Path() string { return "/plan/nodes/" + strconv.FormatInt(p.N.ID, 10) }

// TreePath is the strategy's tree, where the page goes back to.
func (p planNodeEditPage) TreePath() string { return "/plan/" + strconv.FormatInt(p.S.ID, 10) }

// ActivityPath is an activity's own page, where its other fields are edited.
func (p planNodeEditPage) ActivityPath() string {
	return "/plan/activities/" + strconv.FormatInt(p.N.ID, 10)
}

func (p planNodeEditPage) IsActivity() bool { return p.N.Kind == plan.Activity }
func (p planNodeEditPage) First() bool      { return p.Place <= 1 }
func (p planNodeEditPage) Last() bool       { return p.Place >= p.Siblings }

// editablePlanNode loads a node for someone who may edit its strategy, checking the
// right first so that a refused user learns nothing about the node.
func (ui *UI) editablePlanNode(r *http.Request) (planNodeEditPage, error) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return planNodeEditPage{}, err
	}
	if err := ui.mayEditStrategyID(ctx, id, true); err != nil {
		return planNodeEditPage{}, err
	}
	n, err := ui.Plans.Node(ctx, id)
	if err != nil {
		return planNodeEditPage{}, err
	}
	s, err := ui.Plans.Strategy(ctx, n.StrategyID)
	if err != nil {
		return planNodeEditPage{}, err
	}
	p := planNodeEditPage{planPage: planPage{ui.page(r, "")}, S: s, N: n, Edit: n}
	p.Title = p.L.T("planedit.node.title", "Level", p.LevelName(s.Levels, n.Kind), "Code", n.Code)
	p.Nav = "plan"
	siblings, err := ui.siblings(r, n)
	if err != nil {
		return p, err
	}
	p.Siblings = len(siblings)
	for i, sib := range siblings {
		if sib == n.ID {
			p.Place = i + 1
		}
	}
	return p, nil
}

// siblings lists the ids of n's parent's children, n included, in their order.
func (ui *UI) siblings(r *http.Request, n plan.Node) ([]int64, error) {
	t, err := ui.Plans.StrategyTree(r.Context(), n.StrategyID)
	if err != nil {
		return nil, err
	}
	parent := plan.StrategyKey
	if n.ParentID != nil {
		parent = *n.ParentID
	}
	var out []int64
	for _, c := range t.Children()[parent] {
		out = append(out, c.ID)
	}
	return out, nil
}

func (ui *UI) planNodeEdit(w http.ResponseWriter, r *http.Request) error {
	p, err := ui.editablePlanNode(r)
	if err != nil {
		return err
	}
	ui.render(w, r, http.StatusOK, "plan/node_form", p)
	return nil
}

// planNodeUpdate saves a node's code, titles, descriptions and weight; an activity's
// other fields stay as stored.
func (ui *UI) planNodeUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanNode(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	n := p.N
	n.Code = strings.TrimSpace(r.PostFormValue("code"))
	n.TitleEt, n.TitleEn = strings.TrimSpace(r.PostFormValue("title_et")), strings.TrimSpace(r.PostFormValue("title_en"))
	n.DescriptionEt = strings.TrimSpace(r.PostFormValue("description_et"))
	n.DescriptionEn = strings.TrimSpace(r.PostFormValue("description_en"))
	n.Weight = formFloat(r, "weight", &problems)
	n.Version = formInt(r, "version", &problems)
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.UpdateNode(ctx, n); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.TreePath(), "flash.saved")
	}
	p.Form.refused(p.L, status, problems, &n.Version, p.N.Version)
	p.Edit = n
	ui.render(w, r, status, "plan/node_form", p)
	return nil
}

// planNodeMove moves a node one place up or down among its siblings.
func (ui *UI) planNodeMove(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanNode(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	m := plan.Move{ParentID: p.N.ParentID, Version: formInt(r, "version", &problems)}
	// Position counts the siblings without the node itself: its own index moves it
	// one down, and the index before it one up.
	switch r.PostFormValue("direction") {
	case "up":
		m.Position = max(p.Place-2, 0)
	case "down":
		m.Position = p.Place
	default:
		problems.Add("direction", "planedit.error.direction")
	}
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.MoveNode(ctx, p.N.ID, m); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path()+"/edit", "planedit.flash.moved")
	}
	p.Form.refused(p.L, status, problems, nil, 0)
	ui.render(w, r, status, "plan/node_form", p)
	return nil
}

// planNodeDelete removes a node; the store refuses one with children or indicators, and
// the page says so.
func (ui *UI) planNodeDelete(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanNode(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	version := formInt(r, "version", &problems)
	var inUse bool
	status, problems, err := trySave(problems, func() error {
		err := ui.Plans.DeleteNode(ctx, p.N.ID, version)
		if e := kovit.AsError(err); e != nil && e.Key == "plan.error.node_in_use" {
			inUse = true
		}
		return err
	})
	if inUse {
		status, err = http.StatusConflict, nil
		p.Form.Message = p.L.T("plan.error.node_in_use")
	}
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.TreePath(), "planedit.flash.node_deleted")
	}
	p.Form.refused(p.L, status, problems, nil, 0)
	ui.render(w, r, status, "plan/node_form", p)
	return nil
}
