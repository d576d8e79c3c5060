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
	q := newQuery(r)
	pg := q.page()
	if err := q.check(nil); err != nil {
		return err
	}
	if err := auth.CanReadInternal(auth.UserFrom(r.Context())); err != nil {
		return err
	}
	items, err := a.needs.ListRounds(r.Context())
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, pageOf(items, pg))
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
	d = d.ReadableBy(auth.NeedReader(auth.UserFrom(ctx)))
	return a.writeJSON(w, r, http.StatusOK, RoundDetail{d.Round, d})
}

func (a *API) createRound(w http.ResponseWriter, r *http.Request) error {
	return createNational(a, w, r, a.needs.CreateRound, func(rd need.Round) string {
		return prefix + "/rounds/" + strconv.FormatInt(rd.ID, 10)
	})
}

func (a *API) updateRound(w http.ResponseWriter, r *http.Request) error {
	return patchNational(a, w, r, a.needs.Round, a.needs.UpdateRound, func(before, rd need.Round, p *kovit.Problems) int {
		readOnly(p, "id", rd.ID != before.ID)
		return rd.Version
	})
}

// createProject starts the project that carries out a funded consolidated need.
func (a *API) createProject(w http.ResponseWriter, r *http.Request) error {
	return createNational(a, w, r, a.needs.CreateProject, nil)
}

func (a *API) updateProject(w http.ResponseWriter, r *http.Request) error {
	return patchNational(a, w, r, a.needs.Project, a.needs.UpdateProject, func(before, pr need.Project, p *kovit.Problems) int {
		readOnly(p, "id", pr.ID != before.ID)
		readOnly(p, "consolidated_id", pr.ConsolidatedID != before.ConsolidatedID)
		return pr.Version
	})
}
