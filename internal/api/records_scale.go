package api

import (
	"net/http"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

// getRecordsScale is the records maturity scale, its levels and their criteria: public, as
// the profiles it measures are.
func (a *API) getRecordsScale(w http.ResponseWriter, r *http.Request) error {
	scale, err := a.landscape.RecordsScale(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, scale)
}

// updateRecordsCriterion rewords a criterion of the records scale; a field left out keeps
// its text.
func (a *API) updateRecordsCriterion(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanEditRecordsScale(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	scale, err := a.landscape.RecordsScale(ctx)
	if err != nil {
		return err
	}
	var stored *eservice.Criterion
	for _, l := range scale {
		for i := range l.Criteria {
			if l.Criteria[i].ID == id {
				stored = &l.Criteria[i]
			}
		}
	}
	if stored == nil {
		return kovit.NotFound()
	}
	in, err := decodePatch(w, r, CriterionText{TextEt: stored.TextEt, TextEn: stored.TextEn})
	if err != nil {
		return err
	}
	out, err := a.landscape.UpdateRecordsCriterion(ctx, eservice.Criterion{ID: id, TextEt: in.TextEt, TextEn: in.TextEn})
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}
