package api

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/tabular"
	"kovit/internal/training"
)

// importTrainingRecords reads an attendance sheet (multipart field "file", CSV or XLSX)
// into the municipality's records, all or none. A refused sheet is a 422 whose errors
// name each problem as "row.column".
func (a *API) importTrainingRecords(w http.ResponseWriter, r *http.Request) error {
	ehak, err := a.trainingMunicipality(r, auth.CanEditTrainingRecords)
	if err != nil {
		return err
	}
	var p kovit.Problems
	header, rows, err := tabular.Upload(w, r, "file")
	if errors.Is(err, tabular.ErrNoFile) {
		p.Add("file", "error.required")
		return p.Err()
	} else if err != nil {
		return err
	}
	trainings, err := a.trainings.Trainings(r.Context())
	if err != nil {
		return err
	}
	records, err := training.ReadAttendance(header, rows, ehak, trainings, training.Day(time.Now()))
	if ie := new(tabular.ImportError); errors.As(err, &ie) {
		for _, e := range ie.Rows {
			p.Add(strconv.Itoa(e.Row)+"."+e.Column, e.Key)
		}
		return p.Err()
	} else if err != nil {
		return err
	}
	out, err := a.trainings.ImportTrainingRecords(r.Context(), ehak, records)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, out)
}
