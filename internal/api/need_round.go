package api

import (
	"net/http"
	"strconv"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/need"
)

// RoundDetail is a round with its dashboard: who has submitted and who has not.
type RoundDetail struct {
	Round     need.Round     `json:"round"`
	Dashboard need.Dashboard `json:"dashboard"`
}

func (a *API) listRounds(w http.ResponseWriter, r *http.Request) error {
	if err := newQuery(r).check(nil); err != nil {
		return err
	}
	if err := auth.CanReadInternal(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	items, err := a.needs.ListRounds(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, list[need.Round]{orEmpty(items), len(items)})
}

func (a *API) getRound(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := auth.CanReadInternal(auth.UserFrom(ctx)); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	d, err := a.needs.Dashboard(ctx, id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, RoundDetail{d.Round, d})
}

func (a *API) createRound(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := nationalOnly(ctx); err != nil {
		return err
	}
	var rd need.Round
	if err := decodeJSON(w, r, &rd); err != nil {
		return err
	}
	rd, err := a.needs.CreateRound(ctx, rd)
	if err != nil {
		return err
	}
	w.Header().Set("Location", prefix+"/rounds/"+strconv.FormatInt(rd.ID, 10))
	return a.writeJSON(w, r, http.StatusCreated, rd)
}

func (a *API) updateRound(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := nationalOnly(ctx); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	rd, err := a.needs.Round(ctx, id)
	if err != nil {
		return err
	}
	rd.Version = 0
	if err := decodeJSON(w, r, &rd); err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, rd.ID != id, "id")
	if rd.Version < 1 {
		p.Add("version", "error.version")
	}
	if err := p.Err(); err != nil {
		return err
	}
	if rd, err = a.needs.UpdateRound(ctx, rd); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, rd)
}

// createProject starts the project that carries out a funded consolidated need.
func (a *API) createProject(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := nationalOnly(ctx); err != nil {
		return err
	}
	var p need.Project
	if err := decodeJSON(w, r, &p); err != nil {
		return err
	}
	p, err := a.needs.CreateProject(ctx, p)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, p)
}

func (a *API) updateProject(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	if err := nationalOnly(ctx); err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := a.needs.Project(ctx, id)
	if err != nil {
		return err
	}
	before := p
	p.Version = 0
	if err := decodeJSON(w, r, &p); err != nil {
		return err
	}
	var pr kovit.Problems
	readOnly(&pr, p.ID != id, "id")
	readOnly(&pr, p.ConsolidatedID != before.ConsolidatedID, "consolidated_id")
	if p.Version < 1 {
		pr.Add("version", "error.version")
	}
	if err := pr.Err(); err != nil {
		return err
	}
	if p, err = a.needs.UpdateProject(ctx, p); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, p)
}
