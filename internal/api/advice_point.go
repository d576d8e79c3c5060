package api

import (
	"net/http"
	"strconv"

	"kovit/internal/advice"
	"kovit/internal/kovit"
)

// updatePoint changes a point of a round's position after it was added: its text, its
// section or the ministry's disposition of it, on the version the body names. A point of
// another round answers as a missing one.
func (a *API) updatePoint(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	rd, err := a.managedRound(r)
	if err != nil {
		return err
	}
	pid, err := strconv.ParseInt(r.PathValue("pid"), 10, 64)
	if err != nil || pid < 1 {
		return kovit.NotFound()
	}
	points, err := a.rounds.Points(ctx, rd.ID)
	if err != nil {
		return err
	}
	var before advice.Point
	for _, p := range points {
		if p.ID == pid {
			before = p
		}
	}
	if before.ID == 0 {
		return kovit.NotFound()
	}
	after, err := decodePatch(w, r, before)
	if err != nil {
		return err
	}
	var p kovit.Problems
	readOnly(&p, "id", after.ID != before.ID)
	readOnly(&p, "round_id", after.RoundID != before.RoundID)
	readOnly(&p, "number", after.Number != before.Number)
	if err := versioned(&p, after.Version); err != nil {
		return err
	}
	if after, err = a.rounds.UpdatePoint(ctx, after); err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusOK, after)
}
