package api

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
)

// listPractices searches the library: the published practices, and for coordinators
// every status (or the one asked for).
func (a *API) listPractices(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	pg := q.page()
	f := landscape.PracticeFilter{Query: q.str("q"), Tag: q.str("tag"), Limit: pg.Limit, Offset: pg.Offset}
	if s := q.str("status"); s != "" {
		f.Statuses = []landscape.PracticeStatus{landscape.PracticeStatus(s)}
	}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	if auth.CanValidatePractice(auth.UserFrom(ctx)) != nil {
		f.Statuses = []landscape.PracticeStatus{landscape.PracticePublished}
	}
	items, total, err := a.landscape.ListPractices(ctx, f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, page[landscape.Practice]{orEmpty(items), total, f.Limit, f.Offset})
}

// readablePractice is practice id when the user may read it; else not found.
func (a *API) readablePractice(r *http.Request, id int64) (landscape.Practice, error) {
	p, err := a.landscape.Practice(r.Context(), id)
	if err != nil {
		return p, err
	}
	if auth.CanReadPractice(auth.UserFrom(r.Context()), p.Status == landscape.PracticePublished, p.ProposedBy) != nil {
		return p, kovit.NotFound()
	}
	return p, nil
}

func (a *API) getPractice(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := a.readablePractice(r, id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, p)
}

// createPractice proposes a practice; it is submitted for coordinators to validate.
func (a *API) createPractice(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanProposePractice(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var p landscape.Practice
	if err := decodeJSON(w, r, &p); err != nil {
		return err
	}
	p.Status, p.ProposedBy = landscape.PracticeSubmitted, nil
	p, err := a.landscape.CreatePractice(ctx, p)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/practices/"+strconv.FormatInt(p.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, p)
}

// updatePractice changes a practice and its status (coordinators).
func (a *API) updatePractice(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanValidatePractice(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	before, err := a.landscape.Practice(ctx, id)
	if err != nil {
		return err
	}
	p, err := decodePatch(w, r, before)
	if err != nil {
		return err
	}
	var pr kovit.Problems
	readOnly(&pr, "id", p.ID != before.ID)
	readOnly(&pr, "proposed_by", !sameID(p.ProposedBy, before.ProposedBy))
	if err := versioned(&pr, p.Version); err != nil {
		return err
	}
	if p, err = a.landscape.UpdatePractice(ctx, p); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, p)
}

// listAdoptions lists a practice's adoptions with how far each has got.
func (a *API) listAdoptions(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg := q.page()
	id := int64(q.int("practice"))
	if err := q.check(nil); err != nil {
		return err
	}
	// Without a practice, every adoption; either way only of practices the user may read,
	// and a practice the user may not read answers an empty list, as a missing one does.
	all, err := a.landscape.Adoptions(r.Context(), id)
	if err != nil {
		return err
	}
	readable := map[int64]bool{}
	var items []landscape.Adoption
	for _, ad := range all {
		ok, seen := readable[ad.PracticeID]
		if !seen {
			_, err := a.readablePractice(r, ad.PracticeID)
			if err != nil && kovit.ErrorCode(err) != kovit.ENotFound {
				return err
			}
			ok, readable[ad.PracticeID] = err == nil, err == nil
		}
		if ok {
			items = append(items, ad)
		}
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

// adopt adopts a published practice into the municipality's own plan.
func (a *API) adopt(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in landscape.Adoption
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := auth.CanAdopt(auth.UserFrom(ctx), in.MunicipalityEHAK); err != nil {
		return err
	}
	if _, err := a.readablePractice(r, in.PracticeID); err != nil {
		return err
	}
	out, err := a.landscape.Adopt(ctx, landscape.Adoption{PracticeID: in.PracticeID, MunicipalityEHAK: in.MunicipalityEHAK, Differences: in.Differences})
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, out)
}
