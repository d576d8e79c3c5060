package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

// scalePage shows the maturity levels and their criteria; coordinators reword criteria
// in place, one small form per criterion.
type scalePage struct {
	esPage
	Scale   eservice.Scale
	CanEdit bool
	Edit    eservice.Criterion // the criterion whose save failed, as typed
	Form    form
}

// Failed reports whether criterion id is the one whose save failed; its form shows the
// typed text and carries the ids the error summary links to.
func (p scalePage) Failed(id int64) bool { return p.Edit.ID != 0 && p.Edit.ID == id }

func (ui *UI) eserviceScale(w http.ResponseWriter, r *http.Request) error {
	return ui.renderScale(w, r, http.StatusOK, eservice.Criterion{}, form{})
}

func (ui *UI) renderScale(w http.ResponseWriter, r *http.Request, status int, edit eservice.Criterion, f form) error {
	scale, err := ui.Services.Scale(r.Context())
	if err != nil {
		return err
	}
	p := scalePage{esPage: esPage{ui.page(r, "eservice.scale.title")}, Scale: scale, Edit: edit, Form: f,
		CanEdit: auth.Allowed(auth.CanEditNational(auth.UserFrom(r.Context())))}
	p.Nav = "eservices"
	ui.render(w, r, status, "eservice/scale", p)
	return nil
}

func (ui *UI) eserviceCriterionUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanEditNational(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return kovit.NotFound()
	}
	c := eservice.Criterion{ID: id, TextEt: strings.TrimSpace(r.PostFormValue("text_et")), TextEn: strings.TrimSpace(r.PostFormValue("text_en"))}
	status, problems, err := trySave(nil, func() error { _, err := ui.Services.UpdateCriterion(r.Context(), c); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/eservices/scale#c-"+r.PathValue("id"), "flash.saved")
	}
	return ui.renderScale(w, r, status, c, form{Problems: problems}) // a criterion has no version to conflict on
}

// eserviceSnapshot takes the current month's snapshot on demand, e.g. before a report;
// taking it again later in the month replaces it.
func (ui *UI) eserviceSnapshot(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanEditNational(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	month := ui.Now().In(kovit.Estonia).Format("2006-01")
	if err := ui.Services.TakeSnapshot(r.Context(), month); err != nil {
		return err
	}
	return ui.redirect(w, r, "/eservices", "eservice.flash.snapshot")
}

// CriterionAction is where a criterion's rewording is posted, its id following.
func (p scalePage) CriterionAction() string { return "/eservices/criteria/" }
