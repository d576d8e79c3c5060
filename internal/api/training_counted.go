package api

import (
	"net/http"

	"kovit/internal/training"
)

// Counted completions (issue 14): how many people of a role completed a training, no
// names. Who may read and write them is who may read and write the named records.

func (a *API) listTrainingCounts(w http.ResponseWriter, r *http.Request) error {
	return listCompletions(a, w, r, a.trainings.TrainingCounts)
}

func (a *API) createTrainingCount(w http.ResponseWriter, r *http.Request) error {
	return createCompletion(a, w, r, "training-counts", func(in *training.Count, ehak string) { in.MunicipalityEHAK = ehak },
		a.trainings.CreateTrainingCount, func(out training.Count) int64 { return out.ID })
}

func (a *API) deleteTrainingCount(w http.ResponseWriter, r *http.Request) error {
	return a.deleteCompletion(w, r, a.trainings.DeleteTrainingCount)
}
