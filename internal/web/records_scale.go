package web

import (
	"net/http"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/eservice"
)

// A records criterion's change reads with the labels of its form.
func init() {
	historyFields[audit.KindRecordsCriterion] = map[string]historyField{
		"text_et": {"eservice.scale.text_et", ""},
		"text_en": {"eservice.scale.text_en", ""},
		"code":    {"records.scale.code", ""},
		"level":   {"records.level", hvInt},
	}
}

// recordsScalePage shows the records maturity scale; coordinators reword its criteria in
// place, and everyone sees what was changed, when and by whom.
type recordsScalePage struct {
	landscapePage
	Scale   eservice.Scale
	CanEdit bool
	Edit    eservice.Criterion // the criterion whose save failed, as typed
	Form    form
	Events  []audit.Event
}

// Failed reports whether criterion id is the one whose save failed.
func (p recordsScalePage) Failed(id int64) bool { return p.Edit.ID != 0 && p.Edit.ID == id }

// CriterionAction is where a criterion's rewording is posted, its id following.
func (p recordsScalePage) CriterionAction() string { return "/records/scale/criteria/" }

func (ui *UI) recordsScale(w http.ResponseWriter, r *http.Request) error {
	return ui.renderRecordsScale(w, r, http.StatusOK, eservice.Criterion{}, form{})
}

func (ui *UI) renderRecordsScale(w http.ResponseWriter, r *http.Request, status int, edit eservice.Criterion, f form) error {
	ctx := r.Context()
	lp, err := ui.landscapePage(r, "records.scale.title")
	if err != nil {
		return err
	}
	lp.Nav = "records"
	p := recordsScalePage{landscapePage: lp, Edit: edit, Form: f, CanEdit: auth.Allowed(auth.CanEditRecordsScale(lp.User))}
	if p.Scale, err = ui.Landscape.RecordsScale(ctx); err != nil {
		return err
	}
	if p.Events, _, err = ui.Audit.ListEvents(ctx, audit.Filter{Entity: audit.KindRecordsCriterion, Limit: 50}); err != nil {
		return err
	}
	ui.render(w, r, status, "landscape/records_scale", p)
	return nil
}

// recordsCriterionUpdate rewords a criterion of the records scale.
func (ui *UI) recordsCriterionUpdate(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanEditRecordsScale(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c := eservice.Criterion{ID: id, TextEt: strings.TrimSpace(r.PostFormValue("text_et")), TextEn: strings.TrimSpace(r.PostFormValue("text_en"))}
	status, problems, err := trySave(nil, func() error { _, err := ui.Landscape.UpdateRecordsCriterion(r.Context(), c); return err })
	if err != nil {
		return err
	}
	if status == 0 {
		return ui.redirect(w, r, "/records/scale#c-"+strconv.FormatInt(id, 10), "flash.saved")
	}
	return ui.renderRecordsScale(w, r, status, c, form{Problems: problems})
}
