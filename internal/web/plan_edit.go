package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// planNodeCreate adds a goal, direction or activity as the last child of its parent.
func (ui *UI) planNodeCreate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := ui.mayEditStrategyID(ctx, id, false); err != nil {
		return err
	}
	var problems kovit.Problems
	n := plan.Node{StrategyID: id, Kind: plan.Kind(r.PostFormValue("kind")), Code: strings.TrimSpace(r.PostFormValue("code")),
		TitleEt: strings.TrimSpace(r.PostFormValue("title_et")), TitleEn: strings.TrimSpace(r.PostFormValue("title_en")),
		Weight: formFloat(r, "weight", &problems)}
	if v := r.PostFormValue("parent_id"); v != "" && v != "0" {
		pid, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			problems.Add("parent_id", "plan.error.parent")
		}
		n.ParentID = &pid
	}
	var created plan.Node
	status, problems, err := trySave(problems, func() (err error) { created, err = ui.Plans.CreateNode(ctx, n); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		to := "/plan/" + strconv.FormatInt(id, 10)
		if created.Kind == plan.Activity {
			to = "/plan/activities/" + strconv.FormatInt(created.ID, 10)
		}
		return ui.redirect(w, r, to, "flash.saved")
	}
	p, err := ui.loadPlanTree(r)
	if err != nil {
		return err
	}
	p.New, p.Form.Problems = n, problems
	ui.render(w, r, status, "plan/show", p)
	return nil
}

// planActivityUpdate saves the activity's own fields (readActivityForm); its place in
// the tree, participants and tasks have their own forms.
func (ui *UI) planActivityUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanActivity(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	n := readActivityForm(r, p.N, &p.Choices, &problems)
	status, problems, err := trySave(problems, func() error {
		if err := plan.CheckLinks(ctx, ui.Plans, n, p.N, auth.StrategyReader(auth.UserFrom(ctx))); err != nil {
			return err
		}
		owner, err := plan.OwnerEHAK(ctx, ui.Plans, p.S)
		if err == nil {
			err = auth.CheckContacts(ctx, ui.Users, n.ContactIDs, p.N.ContactIDs, owner)
		}
		if err != nil {
			return err
		}
		_, err = ui.Plans.UpdateNode(ctx, n)
		return err
	})
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path(), "flash.saved")
	}
	p.Form.refused(p.L, status, problems, &n.Version, p.N.Version)
	p.Edit = n
	ui.render(w, r, status, "plan/activity", p)
	return nil
}
