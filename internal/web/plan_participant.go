package web

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// planParticipantsAdd makes a joint activity of an activity: the municipalities ticked,
// and besides them every municipality, those of a county or of a type, or those taking
// part in another activity the user may read (participantChoice). Those already taking
// part are passed over; the rest are added in one transaction, all or none.
func (ui *UI) planParticipantsAdd(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p, err := ui.editablePlanActivity(r)
	if err != nil {
		return err
	}
	add, problems, err := ui.participantChoice(r, p)
	if err != nil {
		return err
	}
	if len(add) == 0 && len(problems) == 0 {
		problems.Add("ehak", "error.required")
	}
	checked := len(problems) == 0
	status, problems, err := trySave(problems, func() error {
		_, err := ui.Plans.AddParticipants(ctx, p.N.ID, add)
		return err // e.g. the strategy archived meanwhile
	})
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, p.Path(), "flash.saved")
	}
	if checked { // a save was tried and refused: show what is stored now
		if p, err = ui.loadPlanActivity(r); err != nil {
			return err
		}
	}
	p.PartForm.refused(p.L, status, problems, nil, 0)
	ui.render(w, r, status, "plan/activity", p)
	return nil
}

// planParticipantUpdate lets a municipality's editors report their own part of a joint
// activity: status, completion and due date.
func (ui *UI) planParticipantUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditMunicipality(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	// Read first: a municipality taking part in another's draft plan may not read it, and
	// its part there is answered as an unknown activity's, so a write tells nothing either.
	n, err := ui.Plans.Node(ctx, id)
	if err == nil {
		_, err = ui.readableStrategy(ctx, n.StrategyID)
	}
	if err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	var problems kovit.Problems
	pt := plan.Participant{ActivityID: id, MunicipalityEHAK: ehak, Status: r.PostFormValue("status"),
		Completion: formInt(r, "completion", &problems), Due: optionalDate(r, "due", &problems),
		Version: formInt(r, "version", &problems)}
	status, problems, err := trySave(problems, func() error { _, err := ui.Plans.UpdateParticipant(ctx, pt); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/plan/activities/"+r.PathValue("id"), "flash.saved")
	}
	p, err := ui.loadPlanActivity(r)
	if err != nil {
		return err
	}
	for i, row := range p.Parts {
		if row.P.MunicipalityEHAK == ehak {
			// Show what the editor typed, on the current version after a conflict.
			if status == http.StatusConflict {
				pt.Version = row.P.Version
			}
			p.Parts[i].In = pt
		}
	}
	p.PartEHAK = ehak
	p.PartForm.refused(p.L, status, problems, nil, 0)
	p.PartForm.Prefix = "p" + ehak + "-" // the row's fields, not the activity form's of the same names
	ui.render(w, r, status, "plan/activity", p)
	return nil
}
