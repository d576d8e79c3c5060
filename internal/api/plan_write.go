package api

import (
	"context"
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// The action plan's changes. Coordinators change national strategies; a municipality's
// editors change their municipality's own plan and their part of joint activities. As
// everywhere in the API, a PATCH body names only the fields it changes and carries the
// version last read; ids and a node's place in the tree cannot be changed here.

func (a *API) createStrategy(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if auth.UserFrom(ctx) == nil {
		return kovit.Unauthorized()
	}
	var s plan.Strategy
	if err := decodeJSON(w, r, &s); err != nil {
		return err
	}
	if err := a.mayEditStrategy(ctx, s); err != nil {
		return err
	}
	if s.Code != "" {
		// Codes mark strategies loaded from reference data.
		var p kovit.Problems
		p.Add("code", "api.error.read_only")
		return p.Err()
	}
	s, err := a.plans.CreateStrategy(ctx, s.WithDefaults())
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/strategies/"+strconv.FormatInt(s.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, s)
}

func (a *API) updateStrategy(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	s, err := a.editableStrategy(r)
	if err != nil {
		return err
	}
	in, err := decodePatch(w, r, s)
	if err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "id", in.ID != s.ID)
	readOnly(&p, "code", in.Code != s.Code)
	if err := versioned(&p, in.Version); err != nil {
		return err
	}
	if err := auth.CanReopenStrategy(auth.UserFrom(ctx), string(s.Status), string(in.Status)); err != nil {
		return err
	}
	if !sameID(in.OwnerID, s.OwnerID) {
		// Handing a plan to another owner must be allowed on both sides.
		if err := a.mayEditStrategy(ctx, in); err != nil {
			return err
		}
	}
	out, err := a.plans.UpdateStrategy(ctx, in)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}

// createNode adds a goal, action direction or activity as the last child of its parent.
func (a *API) createNode(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	s, err := a.editableStrategy(r)
	if err != nil {
		return err
	}
	var n plan.Node
	if err := decodeJSON(w, r, &n); err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "strategy_id", n.StrategyID != 0 && n.StrategyID != s.ID)
	if err := p.Err(); err != nil {
		return err
	}
	n.StrategyID = s.ID
	if n.Weight == 0 {
		n.Weight = 1
	}
	if err := a.checkNodeLinks(ctx, s, n, plan.Node{}); err != nil {
		return err
	}
	n, err = a.plans.CreateNode(ctx, n)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/nodes/"+strconv.FormatInt(n.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, n)
}

// updateNode changes a node's content; moving it is not part of the API yet.
func (a *API) updateNode(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	n, err := a.editableNode(r)
	if err != nil {
		return err
	}
	in, err := decodePatch(w, r, n)
	if err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "id", in.ID != n.ID)
	readOnly(&p, "strategy_id", in.StrategyID != n.StrategyID)
	readOnly(&p, "parent_id", !sameID(in.ParentID, n.ParentID))
	readOnly(&p, "kind", in.Kind != n.Kind)
	readOnly(&p, "position", in.Position != n.Position)
	if err := versioned(&p, in.Version); err != nil {
		return err
	}
	s, err := a.plans.Strategy(ctx, n.StrategyID)
	if err != nil {
		return err
	}
	if err := a.checkNodeLinks(ctx, s, in, n); err != nil {
		return err
	}
	out, err := a.plans.UpdateNode(ctx, in)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}

// putParticipant reports a municipality's part of a joint activity: its editors and the
// coordinators update it. Adding a municipality to the activity is the strategy editors'
// call, so a PUT for a municipality not yet taking part needs that right and no version.
func (a *API) putParticipant(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return err
	}
	// Read first: a municipality taking part in another's draft plan may not read it, and
	// its part there is answered as an unknown activity's, so a write tells nothing either.
	if _, _, err := a.readableActivity(ctx, r); err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	ehak := r.PathValue("ehak")
	parts, err := a.plans.Participants(ctx, plan.ParticipantFilter{ActivityID: id})
	if err != nil {
		return err
	}
	var current *plan.Participant
	for i := range parts {
		if parts[i].MunicipalityEHAK == ehak {
			current = &parts[i]
		}
	}
	if current == nil {
		if _, err := a.editableNode(r); err != nil {
			return err
		}
	} else if err := auth.CanEditMunicipality(auth.UserFrom(ctx), ehak); err != nil {
		return err
	}
	in := plan.Participant{ActivityID: id, MunicipalityEHAK: ehak}
	if current != nil {
		in, err = decodePatch(w, r, *current)
	} else {
		err = decodeJSON(w, r, &in)
	}
	if err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "activity_id", in.ActivityID != id)
	readOnly(&p, "municipality_ehak", in.MunicipalityEHAK != ehak)
	if current == nil {
		if err := p.Err(); err != nil {
			return err
		}
		out, err := a.plans.AddParticipant(ctx, in)
		if err != nil {
			return err
		}
		return a.writeJSON(w, r, http.StatusCreated, out)
	}
	if err := versioned(&p, in.Version); err != nil {
		return err
	}
	out, err := a.plans.UpdateParticipant(ctx, in)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}

func (a *API) createTask(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	n, err := a.editableNode(r)
	if err != nil {
		return err
	}
	k := plan.Task{State: plan.TaskNotStarted}
	if err := decodeJSON(w, r, &k); err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "activity_id", k.ActivityID != 0 && k.ActivityID != n.ID)
	if err := p.Err(); err != nil {
		return err
	}
	k.ActivityID = n.ID
	k, err = a.plans.CreateTask(ctx, k)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/tasks/"+strconv.FormatInt(k.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, k)
}

func (a *API) updateTask(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return err
	}
	k, err := a.plans.Task(ctx, id)
	if err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	n, err := a.plans.Node(ctx, k.ActivityID)
	if err != nil {
		return err
	}
	if err := a.mayEditStrategyID(ctx, n.StrategyID); err != nil {
		return err
	}
	in, err := decodePatch(w, r, k)
	if err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "id", in.ID != k.ID)
	readOnly(&p, "activity_id", in.ActivityID != k.ActivityID)
	if err := versioned(&p, in.Version); err != nil {
		return err
	}
	out, err := a.plans.UpdateTask(ctx, in)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, out)
}

// checkNodeLinks refuses, as unknown ones, links from n in strategy s to activities the
// user may not read (plan.CheckLinks) and contact persons who may not be its contacts
// (auth.CheckContacts); what n had before stays.
func (a *API) checkNodeLinks(ctx context.Context, s plan.Strategy, n, before plan.Node) error {
	if err := plan.CheckLinks(ctx, a.plans, n, before, auth.StrategyReader(auth.UserFrom(ctx))); err != nil {
		return err
	}
	owner, err := plan.OwnerEHAK(ctx, a.plans, s)
	if err != nil {
		return err
	}
	return auth.CheckContacts(ctx, a.users, n.ContactIDs, before.ContactIDs, owner)
}

// editableStrategy loads the {id} strategy for a change by the user.
func (a *API) editableStrategy(r *http.Request) (plan.Strategy, error) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return plan.Strategy{}, err
	}
	s, err := a.plans.Strategy(ctx, id)
	if err != nil {
		return s, auth.HideMissing(auth.UserFrom(ctx), err)
	}
	return s, a.mayEditStrategy(ctx, s)
}

// editableNode loads the {id} node for a change by the user.
func (a *API) editableNode(r *http.Request) (plan.Node, error) {
	ctx := r.Context()
	id, err := pathID(r)
	if err != nil {
		return plan.Node{}, err
	}
	n, err := a.plans.Node(ctx, id)
	if err != nil {
		return n, auth.HideMissing(auth.UserFrom(ctx), err)
	}
	return n, a.mayEditStrategyID(ctx, n.StrategyID)
}

// mayEditStrategyID is mayEditStrategy for the strategy with id; an unknown one is
// answered as a national one would be.
func (a *API) mayEditStrategyID(ctx context.Context, id int64) error {
	s, err := a.plans.Strategy(ctx, id)
	if err != nil {
		return auth.HideMissing(auth.UserFrom(ctx), err)
	}
	return a.mayEditStrategy(ctx, s)
}

// mayEditStrategy is the policy's answer for s: nil when the user may change it.
func (a *API) mayEditStrategy(ctx context.Context, s plan.Strategy) error {
	ehak, err := plan.OwnerEHAK(ctx, a.plans, s)
	if kovit.ErrorCode(err) == kovit.ENotFound {
		var p kovit.Problems
		p.Add("owner_id", "plan.error.unknown_organisation")
		return p.Err()
	}
	if err != nil {
		return err
	}
	return auth.CanEditStrategy(auth.UserFrom(ctx), ehak)
}
