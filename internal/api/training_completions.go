package api

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
)

// A municipality's completions come in two kinds, named (training records) and counted
// (training counts), read and written by the same rules (auth.CanReadTrainingRecords,
// auth.CanEditTrainingRecords): one path serves both, so the two kinds cannot drift.

// listCompletions answers the path's municipality's completions of one kind, paged.
func listCompletions[T any](a *API, w http.ResponseWriter, r *http.Request, list func(context.Context, string) ([]T, error)) error {
	ehak, err := a.trainingMunicipality(r, auth.CanReadTrainingRecords)
	if err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	items, err := list(r.Context(), ehak)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

// createCompletion saves the body as a completion of the path's municipality (own sets
// it, whatever the body said) and answers it at its address under collection.
func createCompletion[T any](a *API, w http.ResponseWriter, r *http.Request, collection string, own func(*T, string),
	create func(context.Context, T) (T, error), id func(T) int64) error {
	ehak, err := a.trainingMunicipality(r, auth.CanEditTrainingRecords)
	if err != nil {
		return err
	}
	var in T
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	own(&in, ehak)
	out, err := create(r.Context(), in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/municipalities/"+ehak+"/"+collection+"/"+strconv.FormatInt(id(out), 10))
	return a.writeJSON(w, r, http.StatusCreated, out)
}

// deleteCompletion removes the path's completion of the path's municipality.
func (a *API) deleteCompletion(w http.ResponseWriter, r *http.Request, del func(context.Context, string, int64) error) error {
	ehak, err := a.trainingMunicipality(r, auth.CanEditTrainingRecords)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := del(r.Context(), ehak, id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
