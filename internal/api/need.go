package api

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// NeedDetail is one need with its history, so its municipality sees where it went and why.
type NeedDetail struct {
	Need   need.Need    `json:"need"`
	Events []need.Event `json:"events"`
}

// SuggestionDecision is a coordinator's answer to a suggested duplicate.
type SuggestionDecision struct {
	OtherID  int64  `json:"other_id"`
	Decision string `json:"decision"` // accept or dismiss
}

// listNeeds lists the needs the user may read: an editor only their own municipality's,
// a reader only submitted ones.
func (a *API) listNeeds(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	u := auth.UserFrom(ctx)
	q := newQuery(r)
	pg, s := q.page(), q.sort()
	f := need.Filter{MunicipalityEHAK: q.str("municipality"), RoundID: int64(q.int("round")), Category: need.Category(q.str("category")),
		ConsolidatedID: int64(q.int("consolidated")), Query: q.str("q"), Sort: s.Field, Desc: s.Desc,
		Limit: pg.Limit, Offset: pg.Offset}
	if s := q.str("state"); s != "" {
		f.States = []need.State{need.State(s)}
	}
	if err := q.check(f.Validate()); err != nil {
		return err
	}
	if err := scopeNeeds(u, &f); err != nil {
		return err
	}
	items, total, err := a.needs.ListNeeds(ctx, f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, page[need.Need]{orEmpty(items), total, f.Limit, f.Offset})
}

func (a *API) getNeed(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	n, err := a.readableNeed(r)
	if err != nil {
		return err
	}
	events, err := a.needs.NeedEvents(ctx, n.ID)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, NeedDetail{n, events})
}

// createNeed adds a draft need of the municipality the body names.
func (a *API) createNeed(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var n need.Need
	if err := decodeJSON(w, r, &n); err != nil {
		return err
	}
	if err := auth.CanEditMunicipality(auth.UserFrom(ctx), n.MunicipalityEHAK); err != nil {
		return err
	}
	n, err := a.needs.CreateNeed(ctx, n)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/needs/"+strconv.FormatInt(n.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, n)
}

// updateNeed changes the fields the body names; state and links change only through
// transitions and consolidation.
func (a *API) updateNeed(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	n, err := a.pathNeed(r)
	if err != nil {
		return err
	}
	if err := auth.CanEditNeed(auth.UserFrom(ctx), n.MunicipalityEHAK, n.State.Editable()); err != nil {
		return err
	}
	before := n
	if n, err = decodePatch(w, r, before); err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "id", n.ID != before.ID)
	readOnly(&p, "municipality_ehak", n.MunicipalityEHAK != before.MunicipalityEHAK)
	readOnly(&p, "state", n.State != before.State)
	readOnly(&p, "state_reason", n.StateReason != before.StateReason)
	readOnly(&p, "duplicate_of", !sameID(n.DuplicateOf, before.DuplicateOf))
	readOnly(&p, "consolidated_id", !sameID(n.ConsolidatedID, before.ConsolidatedID))
	if n.Version < 1 {
		p.Add("version", "error.version")
	}
	if err := p.Err(); err != nil {
		return err
	}
	if n, err = a.needs.UpdateNeed(ctx, n); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, n)
}

// transitionNeed moves a need through its workflow; who may make a move is the
// workflow's table (need.Next) read through the policy.
func (a *API) transitionNeed(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	n, err := a.pathNeed(r)
	if err != nil {
		return err
	}
	u := auth.UserFrom(ctx)
	if err := auth.CanReadNeed(u, n.MunicipalityEHAK, n.State.Editable()); err != nil {
		return err
	}
	var t need.Transition
	if err := decodeJSON(w, r, &t); err != nil {
		return err
	}
	who, err := t.Check(n)
	if kovit.ErrorCode(err) == kovit.EInvalid && who == "" {
		// An illegal move: say so only to those who may move the need at all.
		if perr := auth.CanMoveNeed(u, n.MunicipalityEHAK, true); perr != nil {
			return perr
		}
		return err
	}
	if perr := auth.CanMoveNeed(u, n.MunicipalityEHAK, who == need.ByMunicipality); perr != nil {
		return perr
	}
	if err != nil {
		return err
	}
	if n, err = a.needs.TransitionNeed(ctx, n.ID, t); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, n)
}

// maxSimilar bounds the likely duplicates of a need: past it the suggestions are noise.
const maxSimilar = 100

// similarNeeds suggests likely duplicates of a need, best first, 10 to a page.
func (a *API) similarNeeds(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	if pg.Limit == 0 {
		pg.Limit = 10
	}
	n, err := a.readableNeed(r)
	if err != nil {
		return err
	}
	items, err := a.needs.Similar(ctx, n.ID, maxSimilar)
	if err != nil {
		return err
	}
	// Only the likely duplicates the user may read: an editor's among their own
	// municipality's needs.
	items = need.ReadableSuggestions(items, auth.NeedReader(auth.UserFrom(ctx)))
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

// decideSuggestion accepts a suggested duplicate (both needs into one consolidated need)
// or dismisses it for good.
func (a *API) decideSuggestion(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := auth.CanEditNational(auth.UserFrom(ctx)); err != nil {
		return err
	}
	var d SuggestionDecision
	if err := decodeJSON(w, r, &d); err != nil {
		return err
	}
	switch d.Decision {
	case "accept":
		c, err := a.needs.AcceptSuggestion(ctx, id, d.OtherID)
		if err != nil {
			return err
		}
		return a.writeJSON(w, r, http.StatusOK, c)
	case "dismiss":
		if err := a.needs.DismissSuggestion(ctx, id, d.OtherID); err != nil {
			return err
		}
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	var p kovit.Problems
	p.Add("decision", "need.error.decision")
	return p.Err()
}

// needTrace follows a need to the end of its path.
func (a *API) needTrace(w http.ResponseWriter, r *http.Request) error {
	n, err := a.readableNeed(r)
	if err != nil {
		return err
	}
	t, err := a.needs.Trace(r.Context(), n.ID)
	if err != nil {
		return err
	}
	// The needs a duplicate repeats may be other municipalities': an editor sees only
	// whose they are and where they stand.
	return a.writeJSON(w, r, http.StatusOK, t.ReadableBy(auth.NeedReader(auth.UserFrom(r.Context()))))
}

// readableNeed loads the path's need if the user may read it.
func (a *API) readableNeed(r *http.Request) (need.Need, error) {
	n, err := a.pathNeed(r)
	if err != nil {
		return n, err
	}
	if err := auth.CanReadNeed(auth.UserFrom(r.Context()), n.MunicipalityEHAK, n.State.Editable()); err != nil {
		return need.Need{}, err
	}
	return n, nil
}

// scopeNeeds narrows a list's filter to the needs the user may read (auth.NeedScopeAll):
// an editor's own municipalities', all of them unless the filter names one; an editor
// asking for another municipality's needs is refused.
func scopeNeeds(u *auth.User, f *need.Filter) error {
	ehaks, submittedOnly, err := auth.NeedScopeAll(u)
	if err != nil {
		return err
	}
	if !f.WithinAny(ehaks, submittedOnly) {
		return kovit.Forbidden()
	}
	return nil
}

// pathNeed loads the path's need for a signed-in user; the public learns nothing of needs.
func (a *API) pathNeed(r *http.Request) (need.Need, error) {
	if err := auth.CanReadInternal(auth.UserFrom(r.Context())); err != nil {
		return need.Need{}, err
	}
	id, err := pathID(r)
	if err != nil {
		return need.Need{}, err
	}
	return a.needs.Need(r.Context(), id)
}

// nationalOnly is the check every coordinators' write starts with, before reading any
// record, so that the refusal does not depend on whether the record exists.
func nationalOnly(ctx context.Context) error { return auth.CanEditNational(auth.UserFrom(ctx)) }
