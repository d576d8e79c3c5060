package api

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// Mapping maps a consolidated need to the path's measure, or with "mapped": false
// unmaps it. Version is the consolidated need's.
type Mapping struct {
	ConsolidatedID int64 `json:"consolidated_need_id"`
	Mapped         bool  `json:"mapped"`
	Version        int   `json:"version"`
}

// listMeasures lists measures; the public sees only published ones.
func (a *API) listMeasures(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := need.MeasureFilter{Status: need.MeasureStatus(q.str("status"))}
	pg := q.page()
	var p kovit.Problems
	if f.Status != "" && !f.Status.Valid() {
		p.Add("status", "need.error.measure_status")
	}
	if err := q.check(p.Err()); err != nil {
		return err
	}
	f.PublishedOnly = auth.ListScope(auth.UserFrom(r.Context())).PublishedOnly()
	items, err := a.needs.ListMeasures(r.Context(), f)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
}

func (a *API) getMeasure(w http.ResponseWriter, r *http.Request) error {
	m, err := a.readableMeasure(r)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, m)
}

func (a *API) createMeasure(w http.ResponseWriter, r *http.Request) error {
	return createNational(a, w, r, a.needs.CreateMeasure, func(m need.Measure) string {
		return prefix + "/measures/" + strconv.FormatInt(m.ID, 10)
	})
}

func (a *API) updateMeasure(w http.ResponseWriter, r *http.Request) error {
	return patchNational(a, w, r, a.needs.Measure, a.needs.UpdateMeasure, func(before, m need.Measure, p *kovit.Problems) int {
		readOnly(p, "id", m.ID != before.ID)
		return m.Version
	})
}

// mapToMeasure maps a consolidated need to the measure or unmaps it.
func (a *API) mapToMeasure(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := nationalOnly(ctx); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var in Mapping
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Version < 1 {
		var p kovit.Problems
		p.Add("version", "error.version")
		return p.Err()
	}
	if _, err := a.needs.Measure(ctx, id); err != nil {
		return err
	}
	var to *int64
	if in.Mapped {
		to = &id
	} else if c, err := a.needs.Consolidated(ctx, in.ConsolidatedID); err == nil && !sameID(c.MeasureID, &id) {
		var p kovit.Problems
		p.Add("consolidated_need_id", "need.error.not_mapped")
		return p.Err()
	}
	c, err := a.needs.MapToMeasure(ctx, in.ConsolidatedID, to, in.Version)
	if kovit.ErrorCode(err) == kovit.ENotFound {
		return notFoundAs("consolidated_need_id")
	}
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, c)
}

// measureBudget is the budget view: the mapped needs' cost against the budget, and each
// municipality's grant and co-financing, with why a municipality is not eligible. It
// counts unpublished consolidated needs too, so it is for signed-in users.
func (a *API) measureBudget(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadInternal(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	m, err := a.readableMeasure(r)
	if err != nil {
		return err
	}
	b, err := a.needs.Budget(r.Context(), m.ID)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, b)
}

// measureTrace lists every consolidated need and municipality behind a measure, and the
// needs behind it that the user may read: another municipality's needs are left out for
// an editor, as on the consolidated need's page.
func (a *API) measureTrace(w http.ResponseWriter, r *http.Request) error {
	if err := auth.CanReadInternal(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	t, err := a.needs.MeasureTrace(r.Context(), id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, t.ReadableBy(auth.NeedReader(auth.UserFrom(r.Context()))))
}

func (a *API) readableMeasure(r *http.Request) (need.Measure, error) {
	id, err := pathID(r)
	if err != nil {
		return need.Measure{}, err
	}
	m, err := a.needs.Measure(r.Context(), id)
	if err != nil {
		return m, err
	}
	if auth.CanReadPublished(auth.UserFrom(r.Context()), m.Published) != nil {
		return need.Measure{}, kovit.NotFound()
	}
	return m, nil
}

// notFoundAs turns a missing record named in the body into a problem of that field.
func notFoundAs(field string) error {
	var p kovit.Problems
	p.Add(field, "error.not_found")
	return p.Err()
}
