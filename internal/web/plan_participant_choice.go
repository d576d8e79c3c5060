package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// participantChoice reads the add-participants form (plan.ParticipantChoice; the single
// picks come as ehak) into the municipalities not yet taking part. An activity to copy
// from that the user may not read is answered as a missing one, so ids cannot be probed.
func (ui *UI) participantChoice(r *http.Request, p planActivityPage) ([]string, kovit.Problems, error) {
	c := plan.ParticipantChoice{Municipalities: r.PostForm["ehak"], All: r.PostFormValue("all") == "on",
		County: strings.TrimSpace(r.PostFormValue("county")), Type: municipality.Type(r.PostFormValue("type"))}
	var copied []string
	var copyProblem bool
	if from := strings.TrimSpace(r.PostFormValue("copy_from")); from != "" {
		n, err := strconv.ParseInt(from, 10, 64)
		if err != nil {
			n = 0 // not an activity, so refused as a missing one
		}
		copied, err = ui.participantsOf(r, n)
		switch kovit.ErrorCode(err) {
		case "":
		case kovit.ENotFound, kovit.EForbidden, kovit.EUnauthorized:
			copyProblem = true
		default:
			return nil, nil, err
		}
	}
	add, problems := c.Resolve(p.Municipalities, copied, p.Taking)
	for i := range problems {
		if problems[i].Field == "municipalities" {
			problems[i].Field = "ehak" // the form's name for its single picks
		}
	}
	if copyProblem {
		problems.Add("copy_from", "fastentry.error.copy_from")
	}
	return add, problems, nil
}

// participantsOf is the municipalities taking part in the activity with id, if the user
// may read its strategy.
func (ui *UI) participantsOf(r *http.Request, n int64) ([]string, error) {
	ctx := r.Context()
	if n <= 0 {
		return nil, kovit.NotFound()
	}
	node, err := ui.Plans.Node(ctx, n)
	if err != nil {
		return nil, err
	}
	if node.Kind != plan.Activity {
		return nil, kovit.NotFound()
	}
	if _, err := ui.readableStrategy(ctx, node.StrategyID); err != nil {
		return nil, err
	}
	parts, err := ui.Plans.Participants(ctx, plan.ParticipantFilter{ActivityID: n})
	if err != nil {
		return nil, err
	}
	out := make([]string, len(parts))
	for i, pt := range parts {
		out[i] = pt.MunicipalityEHAK
	}
	return out, nil
}

// ParticipantCounties are the counties to choose from when adding participants, in the
// order of the municipality list.
func (p planActivityPage) ParticipantCounties() []municipality.County {
	var out []municipality.County
	seen := map[string]bool{}
	for _, m := range p.Municipalities {
		if !seen[m.CountyEHAK] {
			seen[m.CountyEHAK] = true
			out = append(out, municipality.County{EHAK: m.CountyEHAK, Name: m.CountyName})
		}
	}
	slices.SortFunc(out, func(a, b municipality.County) int { return strings.Compare(a.Name, b.Name) })
	return out
}
