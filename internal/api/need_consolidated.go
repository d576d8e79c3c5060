package api

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// NewConsolidated is a consolidated need to create with the needs accepted into it.
type NewConsolidated struct {
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Category    need.Category `json:"category"`
	BuildOnce   bool          `json:"build_once"`
	Published   bool          `json:"published"`
	StrategyFit int           `json:"strategy_fit"`
	NeedIDs     []int64       `json:"need_ids"`
}

// NeedLinks names needs to accept into a consolidated need.
type NeedLinks struct {
	NeedIDs []int64 `json:"need_ids"`
}

// EndorsementRequest names the municipality that endorses.
type EndorsementRequest struct {
	MunicipalityEHAK string `json:"municipality_ehak"`
}

// ConsolidatedDetail is a consolidated need with its projects.
type ConsolidatedDetail struct {
	Consolidated need.Consolidated `json:"consolidated"`
	Projects     []need.Project    `json:"projects"`
}

// listConsolidated lists consolidated needs, or with ?sort=priority ranks them; the
// public sees only published ones.
func (a *API) listConsolidated(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := newQuery(r)
	f := need.ConsolidatedFilter{MeasureID: int64(q.int("measure")), Category: need.Category(q.str("category"))}
	sort := q.str("sort")
	pg := q.page()
	var p kovit.Problems
	if sort != "" && sort != "priority" {
		p.Add("sort", "error.sort")
	}
	if f.Category != "" && !f.Category.Valid() {
		p.Add("category", "need.error.category")
	}
	if err := q.check(p.Err()); err != nil {
		return err
	}
	f.PublishedOnly = auth.ListScope(auth.UserFrom(ctx)).PublishedOnly()
	if sort == "priority" {
		return a.writePriorities(w, r, f, pg)
	}
	items, err := a.needs.ListConsolidated(ctx, f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

// priorities ranks consolidated needs by the stored weights, with each score's breakdown.
func (a *API) priorities(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	f := need.ConsolidatedFilter{PublishedOnly: auth.ListScope(auth.UserFrom(r.Context())).PublishedOnly()}
	return a.writePriorities(w, r, f, pg)
}

func (a *API) writePriorities(w http.ResponseWriter, r *http.Request, f need.ConsolidatedFilter, pg kovit.Page) error {
	items, err := a.needs.Priorities(r.Context(), f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) getConsolidated(w http.ResponseWriter, r *http.Request) error {
	c, err := a.readableConsolidated(r)
	if err != nil {
		return err
	}
	projects, err := a.needs.Projects(r.Context(), c.ID)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, ConsolidatedDetail{c, projects})
}

func (a *API) createConsolidated(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := nationalOnly(ctx); err != nil {
		return err
	}
	var in NewConsolidated
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c := need.Consolidated{Title: in.Title, Description: in.Description, Category: in.Category, BuildOnce: in.BuildOnce,
		Published: in.Published, StrategyFit: in.StrategyFit}
	c, err := a.needs.CreateConsolidated(ctx, c, in.NeedIDs)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/consolidated-needs/"+strconv.FormatInt(c.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, c)
}

// updateConsolidated changes what coordinators set: texts, category, build-once,
// published and strategy fit. Figures are derived; the measure changes by mapping.
func (a *API) updateConsolidated(w http.ResponseWriter, r *http.Request) error {
	return patchNational(a, w, r, a.needs.Consolidated, a.needs.UpdateConsolidated, func(before, c need.Consolidated, p *kovit.Problems) int {
		readOnly(p, "id", c.ID != before.ID)
		readOnly(p, "measure_id", !sameID(c.MeasureID, before.MeasureID))
		return c.Version
	})
}

// linkNeeds accepts more needs into a consolidated need.
func (a *API) linkNeeds(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := nationalOnly(ctx); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in NeedLinks
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := a.needs.LinkNeeds(ctx, id, in.NeedIDs)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, c)
}

// endorse records a municipality's endorsement, by its editors or a coordinator.
func (a *API) endorse(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	var in EndorsementRequest
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := auth.CanEditMunicipality(auth.UserFrom(ctx), in.MunicipalityEHAK); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, err := a.needs.Endorse(ctx, id, in.MunicipalityEHAK)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, c)
}

func (a *API) getWeights(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadInternal(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	wt, err := a.needs.Weights(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, wt)
}

func (a *API) putWeights(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := nationalOnly(ctx); err != nil {
		return err
	}
	var wt need.Weights
	if err := decodeJSON(w, r, &wt); err != nil {
		return err
	}
	if wt.Version < 1 {
		var p kovit.Problems
		p.Add("version", "error.version")
		return p.Err()
	}
	wt, err := a.needs.SetWeights(ctx, wt)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, wt)
}

// readableConsolidated loads the path's consolidated need; an unpublished one is not
// found for the public, who must not learn it exists.
func (a *API) readableConsolidated(r *http.Request) (need.Consolidated, error) {
	id, err := pathID(r)
	if err != nil {
		return need.Consolidated{}, err
	}
	c, err := a.needs.Consolidated(r.Context(), id)
	if err != nil {
		return c, err
	}
	if auth.CanReadPublished(auth.UserFrom(r.Context()), c.Published) != nil {
		return need.Consolidated{}, kovit.NotFound()
	}
	return c, nil
}
