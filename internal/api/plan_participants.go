package api

import (
	"context"
	"net/http"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// addedParticipants is the answer to a bulk add: the parts it made.
type addedParticipants struct {
	Added []plan.Participant `json:"added"`
}

// addParticipants adds many municipalities to a joint activity at once, as the page's
// form does (plan.ParticipantChoice): all or none, skipping those taking part already.
func (a *API) addParticipants(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	n, err := a.editableNode(r)
	if err != nil {
		return err
	}
	if n.Kind != plan.Activity {
		return kovit.NotFound()
	}
	var c plan.ParticipantChoice
	if err := decodeJSON(w, r, &c); err != nil {
		return err
	}
	ms, _, err := a.municipalities.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return err
	}
	parts, err := a.plans.Participants(ctx, plan.ParticipantFilter{ActivityID: n.ID})
	if err != nil {
		return err
	}
	taking := map[string]bool{}
	for _, p := range parts {
		taking[p.MunicipalityEHAK] = true
	}
	var copied []string
	var copyProblem bool
	if c.CopyFrom != 0 {
		copied, err = a.participantsOf(ctx, c.CopyFrom)
		switch kovit.ErrorCode(err) {
		case "":
		case kovit.ENotFound, kovit.EForbidden, kovit.EUnauthorized:
			copyProblem = true // an activity the user may not read is answered as a missing one
		default:
			return err
		}
	}
	add, problems := c.Resolve(ms, copied, func(ehak string) bool { return taking[ehak] })
	if copyProblem {
		problems.Add("copy_from", "fastentry.error.copy_from")
	}
	if len(add) == 0 && len(problems) == 0 {
		problems.Add("municipalities", "error.required")
	}
	if err := problems.Err(); err != nil {
		return err
	}
	out, err := a.plans.AddParticipants(ctx, n.ID, add)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, http.StatusCreated, addedParticipants{Added: out})
}

// participantsOf is the municipalities taking part in the activity with id, if the user
// may read its strategy.
func (a *API) participantsOf(ctx context.Context, id int64) ([]string, error) {
	if id <= 0 {
		return nil, kovit.NotFound()
	}
	n, err := a.plans.Node(ctx, id)
	if err != nil {
		return nil, err
	}
	if n.Kind != plan.Activity {
		return nil, kovit.NotFound()
	}
	if _, err := a.readableStrategy(ctx, n.StrategyID); err != nil {
		return nil, err
	}
	parts, err := a.plans.Participants(ctx, plan.ParticipantFilter{ActivityID: id})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = p.MunicipalityEHAK
	}
	return out, nil
}
