package api

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/landscape"
)

// The advisories of the landscape (issue 13) in the API, twins of /advisories: signed-in
// users read them, coordinators send them, a recipient municipality marks one handled.

// listAdvisories lists the advisories sent, newest first, with who has handled each.
func (a *API) listAdvisories(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadLandscape(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	all, err := a.landscape.ListAdvisories(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(all, pg))
}

func (a *API) getAdvisory(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadLandscape(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	adv, err := a.landscape.Advisory(r.Context(), id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, adv)
}

// sendAdvisory sends an advisory to exactly the municipalities its query picks
// (coordinators); the recipients are the server's to choose, never the request's.
func (a *API) sendAdvisory(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditCatalogue(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var in landscape.Advisory
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	out, err := a.landscape.SendAdvisory(ctx, landscape.Advisory{Query: in.Query, Title: in.Title, Message: in.Message})
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/advisories/"+strconv.FormatInt(out.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, out)
}

// markAdvisoryHandled records that recipient municipality ehak has dealt with the advisory
// (its editors, coordinators).
func (a *API) markAdvisoryHandled(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	ehak := r.PathValue("ehak")
	if err := auth.CanEditLandscape(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	out, err := a.landscape.MarkAdvisoryHandled(ctx, id, ehak)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}
