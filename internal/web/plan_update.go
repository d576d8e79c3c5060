package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// updatesView is an activity's timeline of progress updates, newest first, with the form
// to post one for those who may and an edit form on each update its user may change.
type updatesView struct {
	Updates    []updateRow
	CanPost    bool
	NewUpdate  plan.ProgressUpdate // the post form's values
	UpdateForm form
	EditingID  int64 // the update whose edit form UpdateForm's problems belong to
}

// updateRow is one update, with the edit form's values and whether the user may change it.
type updateRow struct {
	U       plan.ProgressUpdate
	In      plan.ProgressUpdate
	CanEdit bool
}

func (r updateRow) DateValue() string                     { return dateValue(&r.In.Date) }
func (v updatesView) NewDateValue() string                { return dateValue(&v.NewUpdate.Date) }
func (p planActivityPage) UpdateMessage() formMessageView { return formMessageView{p.L, p.UpdateForm} }

func (ui *UI) loadUpdates(ctx context.Context, n plan.Node, s plan.Strategy) (updatesView, error) {
	u := auth.UserFrom(ctx)
	v := updatesView{CanPost: auth.Allowed(ui.mayPostUpdate(ctx, n, s)), NewUpdate: plan.ProgressUpdate{Date: ui.Now()}}
	list, err := ui.Plans.ProgressUpdates(ctx, n.ID)
	for _, up := range list {
		v.Updates = append(v.Updates, updateRow{U: up, In: up, CanEdit: auth.Allowed(auth.CanChangeProgressUpdate(u, up.AuthorID))})
	}
	return v, err
}

// mayPostUpdate is the policy's answer for posting on activity n of strategy s.
func (ui *UI) mayPostUpdate(ctx context.Context, n plan.Node, s plan.Strategy) error {
	ehak, err := plan.OwnerEHAK(ctx, ui.Plans, s)
	if err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	return auth.CanPostProgressUpdate(u, ehak, u != nil && slices.Contains(n.ContactIDs, u.ID))
}

// updateInput reads the update form: the text and the day it speaks of, both required.
func updateInput(r *http.Request, p *kovit.Problems) plan.ProgressUpdate {
	u := plan.ProgressUpdate{Body: strings.TrimSpace(r.PostFormValue("body")), Version: formInt(r, "version", p)}
	if d := optionalDate(r, "date", p); d != nil {
		u.Date = *d
	} else if !p.Has("date") {
		p.Add("date", "error.date")
	}
	if u.Body == "" {
		p.Add("body", "error.required")
	}
	return u
}

// planUpdatePost adds a progress update to an activity's timeline.
func (ui *UI) planUpdatePost(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := ui.Plans.Node(ctx, id)
	if err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	// A contact may not post into a plan they may not read: answered as an unknown activity.
	s, err := ui.readableStrategy(ctx, n.StrategyID)
	if err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	if err := ui.mayPostUpdate(ctx, n, s); err != nil {
		return err
	}
	var problems kovit.Problems
	in := updateInput(r, &problems)
	in.ActivityID = id
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.PostProgressUpdate(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/plan/activities/"+strconv.FormatInt(id, 10)+"#updates-h", "flash.saved")
	}
	p, err := ui.loadPlanActivityID(r, id)
	if err != nil {
		return err
	}
	p.NewUpdate, p.UpdateForm.Problems = in, problems
	ui.render(w, r, status, "plan/activity", p)
	return nil
}

// changeableUpdate loads the update of the path for someone who may change it; an unknown
// update is refused as a coordinator's would be, so nobody learns which ids exist.
func (ui *UI) changeableUpdate(r *http.Request) (plan.ProgressUpdate, error) {
	ctx := r.Context()
	id, err := pathID(r, "id")
	if err != nil {
		return plan.ProgressUpdate{}, err
	}
	up, err := ui.Plans.ProgressUpdate(ctx, id)
	if err != nil {
		return up, auth.HideMissing(auth.UserFrom(ctx), err)
	}
	return up, auth.CanChangeProgressUpdate(auth.UserFrom(ctx), up.AuthorID)
}

// planUpdateEdit changes an update's text and day.
func (ui *UI) planUpdateEdit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	before, err := ui.changeableUpdate(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	in := updateInput(r, &problems)
	in.ID, in.ActivityID = before.ID, before.ActivityID
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.EditProgressUpdate(ctx, in); return err })
	if err != nil {
		return err
	}
	to := "/plan/activities/" + strconv.FormatInt(before.ActivityID, 10)
	if status == 0 {
		return ui.redirect(w, r, to+"#u-"+strconv.FormatInt(before.ID, 10), "flash.saved")
	}
	p, err := ui.loadPlanActivityID(r, before.ActivityID)
	if err != nil {
		return err
	}
	for i, row := range p.Updates {
		if row.U.ID == before.ID {
			if status == http.StatusConflict {
				in.Version = row.U.Version // keep the text; a second save is deliberate
			}
			p.Updates[i].In = in
		}
	}
	p.EditingID = before.ID
	p.UpdateForm.refused(p.L, status, problems, nil, 0)
	ui.render(w, r, status, "plan/activity", p)
	return nil
}

// planUpdateDelete removes an update from the timeline.
func (ui *UI) planUpdateDelete(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	up, err := ui.changeableUpdate(r)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	version := formInt(r, "version", &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	if err := ui.Plans.DeleteProgressUpdate(ctx, up.ID, version); err != nil {
		return err
	}
	return ui.redirect(w, r, "/plan/activities/"+strconv.FormatInt(up.ActivityID, 10)+"#updates-h", "report.update.deleted")
}
