package web

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/tabular"
	"kovit/internal/training"
)

// trainingImport reads an uploaded attendance sheet (CSV or XLSX) into the municipality's
// named and counted completions: every row or none, a refused sheet listed by row and column on its page.
func (ui *UI) trainingImport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditTrainingRecords(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	if _, err := ui.Municipalities.Municipality(ctx, ehak); err != nil {
		return err
	}
	fail := func(status int, problems []importProblem) error {
		return ui.renderMunicipalityTrainingWith(w, r, status, training.Record{CompletedOn: training.Day(ui.Now())}, form{}, problems)
	}
	header, rows, err := readUpload(w, r)
	if err != nil {
		if status, p, ok := ui.uploadProblem(r, err); ok {
			return fail(status, []importProblem{p})
		}
		return err
	}
	trainings, err := ui.Trainings.Trainings(ctx)
	if err != nil {
		return err
	}
	sheet, err := training.ReadAttendance(header, rows, ehak, trainings, training.Day(ui.Now()))
	if err == nil {
		if _, err = ui.Trainings.ImportAttendance(ctx, ehak, sheet); err == nil {
			return ui.redirect(w, r, "/municipalities/"+ehak+"/training#records", "training.flash.imported")
		}
	}
	if status, p, ok := ui.uploadProblem(r, err); ok {
		return fail(status, []importProblem{p})
	}
	if problems, ok := ui.importProblems(r, err); ok {
		return fail(http.StatusUnprocessableEntity, problems)
	}
	return err
}

// trainingRecordsExport sends the municipality's named and counted completions as the
// attendance import reads them, the sheet to fill in and upload again.
func (ui *UI) trainingRecordsExport(w http.ResponseWriter, r *http.Request) error {
	c, err := ui.completionsOf(r)
	if err != nil {
		return err
	}
	return tabular.WriteHTTP(w, r, "koolitused-"+c.ehak, training.AttendanceSheet(c.records, c.counts, c.tp.Titles, lang(r)))
}
