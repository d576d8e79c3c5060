package api

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

// listLandscape lists landscape rows to signed-in users; a row's contract only to its
// municipality and coordinators.
func (a *API) listLandscape(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	if err := auth.CanReadLandscape(u); err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	f := landscape.RowFilter{MunicipalityEHAK: q.str("municipality"), SolutionID: int64(q.int("solution")),
		Status: landscape.Status(q.str("status")), Limit: pg.Limit, Offset: pg.Offset}
	if b := q.bool("stale"); b != nil {
		f.StaleOnly = *b
	}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	items, total, err := a.landscape.ListRows(ctx, f)
	if err != nil {
		return err
	}
	costs := auth.ContractReader(u)
	for i := range items {
		if !costs(items[i].MunicipalityEHAK) {
			items[i] = items[i].WithoutCosts()
		}
	}
	return a.writeJSON(w, r, http.StatusOK, page[landscape.Row]{orEmpty(items), total, f.Limit, f.Offset})
}

func (a *API) getLandscapeRow(w http.ResponseWriter, r *http.Request) error {
	u := auth.UserFrom(r.Context())
	if err := auth.CanReadLandscape(u); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	row, err := a.landscape.Row(r.Context(), id)
	if err != nil {
		return err
	}
	if auth.CanReadContractCosts(u, row.MunicipalityEHAK) != nil {
		row = row.WithoutCosts()
	}
	return a.writeJSON(w, r, http.StatusOK, row)
}

// createLandscapeRow declares a solution in the landscape of the municipality the body
// names.
func (a *API) createLandscapeRow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var row landscape.Row
	if err := decodeJSON(w, r, &row); err != nil {
		return err
	}
	if err := auth.CanEditLandscape(auth.UserFrom(ctx), row.MunicipalityEHAK); err != nil {
		return err
	}
	row.ID, row.Version = 0, 0
	row, err := a.landscape.CreateRow(ctx, row)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/landscape/"+strconv.FormatInt(row.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, row)
}

// updateLandscapeRow changes the fields the body names and confirms the row.
func (a *API) updateLandscapeRow(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	id, err := pathID(r)
	if err != nil {
		return err
	}
	before, err := a.landscape.Row(ctx, id)
	if err != nil {
		return auth.HideMissing(u, err)
	}
	if err := auth.CanEditLandscape(u, before.MunicipalityEHAK); err != nil {
		return err
	}
	row, err := decodePatch(w, r, before)
	if err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "id", row.ID != before.ID)
	readOnly(&p, "municipality_ehak", row.MunicipalityEHAK != before.MunicipalityEHAK)
	if err := versioned(&p, row.Version); err != nil {
		return err
	}
	if row, err = a.landscape.UpdateRow(ctx, row); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, row)
}

// signOffLandscape records the IT lead's sign-off of a municipality's whole landscape.
func (a *API) signOffLandscape(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var req SignOffRequest
	if err := decodeJSON(w, r, &req); err != nil {
		return err
	}
	if err := auth.CanSignOffLandscape(auth.UserFrom(ctx), req.MunicipalityEHAK); err != nil {
		return err
	}
	so, err := a.landscape.SignOffLandscape(ctx, req.MunicipalityEHAK)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, so)
}
