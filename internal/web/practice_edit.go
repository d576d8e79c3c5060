package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

// The practice's edit form (issue 13), the page twin of PATCH /api/v1/practices/{id}:
// coordinators correct a practice's content before and after publishing it. The version
// it was read at travels with the form, so a save over someone else's change is refused;
// the store audits the change. Its status keeps its own form (practiceStatus), and what
// the form does not show (the solutions, the national activity) is kept as it was.

// practiceEditPage is practiceNewPage at a saved practice's address.
type practiceEditPage struct {
	practiceNewPage
}

func (ui *UI) practiceEdit(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanValidatePractice(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := ui.Landscape.Practice(ctx, id)
	if err != nil {
		return err
	}
	return ui.renderPracticeEdit(w, r, http.StatusOK, p, form{})
}

func (ui *UI) renderPracticeEdit(w http.ResponseWriter, r *http.Request, status int, in landscape.Practice, f form) error {
	lp, err := ui.landscapePage(r, "practice.edit")
	if err != nil {
		return err
	}
	lp.Nav = "practices"
	ms, err := ui.allMunicipalities(r.Context())
	if err != nil {
		return err
	}
	ui.render(w, r, status, "landscape/practice_edit", practiceEditPage{practiceNewPage{landscapePage: lp, In: in, Municipalities: ms, Form: f}})
	return nil
}

// practiceUpdate saves the form over the practice at the version it was read at.
func (ui *UI) practiceUpdate(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanValidatePractice(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	in, err := ui.Landscape.Practice(ctx, id)
	if err != nil {
		return err
	}
	var problems kovit.Problems
	in.Title, in.Summary, in.Problem = r.PostFormValue("title"), r.PostFormValue("summary"), r.PostFormValue("problem")
	in.WhatDone, in.Resources, in.Results = r.PostFormValue("what_was_done"), r.PostFormValue("resources"), r.PostFormValue("results")
	in.EvidenceURL, in.Municipalities = r.PostFormValue("evidence_url"), r.PostForm["municipalities"]
	in.ContactName, in.ContactEmail = r.PostFormValue("contact_name"), r.PostFormValue("contact_email")
	in.ServiceCodes, in.Tags = splitList(r.PostFormValue("service_codes")), splitList(r.PostFormValue("tags"))
	in.Links = strings.Fields(r.PostFormValue("links"))
	in.Version = formInt(r, "version", &problems)
	in.Normalize()
	alsoInvalid(&problems, in.Validate())
	status, problems, err := trySave(problems, func() error { _, err := ui.Landscape.UpdatePractice(ctx, in); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/practices/"+strconv.FormatInt(id, 10), "flash.saved")
	}
	f := form{}
	lp, err := ui.landscapePage(r, "")
	if err != nil {
		return err
	}
	f.refused(lp.L, status, problems, nil, 0)
	return ui.renderPracticeEdit(w, r, status, in, f)
}
