package api

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

// RecordsReview is a coordinator's verification or return of a records profile.
type RecordsReview struct {
	Verification landscape.Verification `json:"verification"`
	ReturnReason string                 `json:"return_reason"`
	Version      int                    `json:"version"`
}

// listRecordsProfiles lists every records profile a municipality has filled in: public, as
// the e-service matrix is.
func (a *API) listRecordsProfiles(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	items, err := a.landscape.RecordsProfiles(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) getRecordsProfile(w http.ResponseWriter, r *http.Request) error {
	p, err := a.landscape.RecordsProfile(r.Context(), r.PathValue("ehak"))
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, p)
}

// putRecordsProfile saves a municipality's records profile, whole, at the version read.
func (a *API) putRecordsProfile(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditRecords(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	var p landscape.RecordsProfile
	if err := decodeJSON(w, r, &p); err != nil {
		return err
	}
	var pr kovit.Problems
	readOnly(&pr, "municipality_ehak", p.MunicipalityEHAK != "" && p.MunicipalityEHAK != ehak)
	if err := pr.Err(); err != nil {
		return err
	}
	p.MunicipalityEHAK = ehak
	p, err := a.landscape.SaveRecordsProfile(ctx, p)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, p)
}

// reviewRecordsProfile verifies a profile's level or returns it with a reason.
func (a *API) reviewRecordsProfile(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReviewRecords(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var rv RecordsReview
	if err := decodeJSON(w, r, &rv); err != nil {
		return err
	}
	p, err := a.landscape.ReviewRecordsProfile(ctx, r.PathValue("ehak"), rv.Verification, rv.ReturnReason, rv.Version)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, p)
}
