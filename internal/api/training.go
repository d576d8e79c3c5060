package api

import (
	"net/http"
	"strconv"
	"time"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/training"
)

// Training and awareness (issue 14). The trainings and requirements are read by signed-in
// users; a municipality's records, gaps and coverage only through
// auth.CanReadTrainingRecords.

func (a *API) listTrainings(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadTrainings(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	items, err := a.trainings.Trainings(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) createTraining(w http.ResponseWriter, r *http.Request) error {
	return createNational(a, w, r, a.trainings.CreateTraining, func(t training.Training) string {
		return prefix + "/trainings/" + strconv.FormatInt(t.ID, 10)
	})
}

func (a *API) getTraining(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadTrainings(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := a.trainings.Training(r.Context(), id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, t)
}

func (a *API) updateTraining(w http.ResponseWriter, r *http.Request) error {
	return patchNational(a, w, r, a.trainings.Training, a.trainings.UpdateTraining, func(before, t training.Training, p *kovit.Problems) int {
		readOnly(p, "id", t.ID != before.ID)
		return t.Version
	})
}

func (a *API) listTrainingRequirements(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadTrainings(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	items, err := a.trainings.TrainingRequirements(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) createTrainingRequirement(w http.ResponseWriter, r *http.Request) error {
	return createNational(a, w, r, a.trainings.CreateTrainingRequirement, nil)
}

func (a *API) deleteTrainingRequirement(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanManageTrainings(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.trainings.DeleteTrainingRequirement(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// trainingMunicipality reads the path's municipality after may allows it: a municipality
// the user may not read answers as a missing one does.
func (a *API) trainingMunicipality(r *http.Request, may func(*auth.User, string) error) (string, error) {
	ehak, err := pathEHAK(r)
	if err != nil {
		return "", err
	}
	if err := may(auth.UserFrom(r.Context()), ehak); err != nil {
		return "", err
	}
	if _, err := a.municipalities.Municipality(r.Context(), ehak); err != nil {
		return "", err
	}
	return ehak, nil
}

func (a *API) listTrainingRecords(w http.ResponseWriter, r *http.Request) error {
	return listCompletions(a, w, r, a.trainings.TrainingRecords)
}

func (a *API) createTrainingRecord(w http.ResponseWriter, r *http.Request) error {
	return createCompletion(a, w, r, "training-records", func(in *training.Record, ehak string) { in.MunicipalityEHAK = ehak },
		a.trainings.CreateTrainingRecord, func(out training.Record) int64 { return out.ID })
}

func (a *API) deleteTrainingRecord(w http.ResponseWriter, r *http.Request) error {
	return a.deleteCompletion(w, r, a.trainings.DeleteTrainingRecord)
}

// TrainingGaps is a municipality's gaps, expiring certificates and coverage on a day.
type TrainingGaps struct {
	Day      string            `json:"day"`
	Coverage training.Coverage `json:"coverage"`
	Share    float64           `json:"share"`
	Gaps     []training.Gap    `json:"gaps"`
	// CountGaps are the gaps of the counted completions, per role and training.
	CountGaps []training.CountGap `json:"count_gaps"`
	Expiring  []training.Record   `json:"expiring"`
}

func (a *API) getTrainingGaps(w http.ResponseWriter, r *http.Request) error {
	ehak, err := a.trainingMunicipality(r, auth.CanReadTrainingRecords)
	if err != nil {
		return err
	}
	q := newQuery(r)
	day := q.str("date")
	if err := q.check(nil); err != nil {
		return err
	}
	if day == "" {
		day = training.Day(time.Now())
	} else if _, err := time.Parse(time.DateOnly, day); err != nil {
		var p kovit.Problems
		p.Add("date", "training.error.date")
		return p.Err()
	}
	records, err := a.trainings.TrainingRecords(r.Context(), ehak)
	if err != nil {
		return err
	}
	counts, err := a.trainings.TrainingCounts(r.Context(), ehak)
	if err != nil {
		return err
	}
	reqs, err := a.trainings.TrainingRequirements(r.Context())
	if err != nil {
		return err
	}
	c := training.CoverageOf(training.WithCounted(records, counts), reqs, day)
	return a.writeJSON(w, r, http.StatusOK, TrainingGaps{Day: day, Coverage: c, Share: c.Share(), Gaps: training.Gaps(records, reqs, day),
		CountGaps: training.CountGaps(counts, reqs, day), Expiring: training.Expiring(records, day, training.ExpiryWindow)})
}
