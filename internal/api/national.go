package api

import (
	"context"
	"net/http"

	"kovit/internal/kovit"
)

// createNational answers a POST of a record only coordinators and admins make (a measure,
// a round, a project): 201 with the record as stored and, where location names one, the
// address of the new record.
func createNational[T any](a *API, w http.ResponseWriter, r *http.Request, create func(context.Context, T) (T, error), location func(T) string) error {
	ctx := r.Context()
	if err := nationalOnly(ctx); err != nil {
		return err
	}
	var in T
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := create(ctx, in)
	if err != nil {
		return err
	}
	if location != nil {
		w.Header().Set("Location", location(out))
	}
	return a.writeJSON(w, r, http.StatusCreated, out)
}

// patchNational answers a PATCH of such a record: it loads the record the path names and
// lays the body over it. check adds a problem for each field the body may not change and
// returns the version the body names, which must be given; then the record is saved.
func patchNational[T any](a *API, w http.ResponseWriter, r *http.Request, load func(context.Context, int64) (T, error),
	save func(context.Context, T) (T, error), check func(before, after T, p *kovit.Problems) (version int)) error {
	ctx := r.Context()
	if err := nationalOnly(ctx); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	before, err := load(ctx, id)
	if err != nil {
		return err
	}
	after, err := decodePatch(w, r, before)
	if err != nil {
		return err
	}
	var p kovit.Problems
	if err := versioned(&p, check(before, after, &p)); err != nil {
		return err
	}
	if after, err = save(ctx, after); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, after)
}
