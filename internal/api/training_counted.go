package api

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/training"
)

// Counted completions (issue 14): how many people of a role completed a training, no
// names. Who may read and write them is who may read and write the named records.

func (a *API) listTrainingCounts(w http.ResponseWriter, r *http.Request) error {
	ehak, err := a.trainingMunicipality(r, auth.CanReadTrainingRecords)
	if err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	items, err := a.trainings.TrainingCounts(r.Context(), ehak)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) createTrainingCount(w http.ResponseWriter, r *http.Request) error {
	ehak, err := a.trainingMunicipality(r, auth.CanEditTrainingRecords)
	if err != nil {
		return err
	}
	var in training.Count
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	in.MunicipalityEHAK = ehak
	out, err := a.trainings.CreateTrainingCount(r.Context(), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/municipalities/"+ehak+"/training-counts/"+strconv.FormatInt(out.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, out)
}

func (a *API) deleteTrainingCount(w http.ResponseWriter, r *http.Request) error {
	ehak, err := a.trainingMunicipality(r, auth.CanEditTrainingRecords)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.trainings.DeleteTrainingCount(r.Context(), ehak, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
