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

// participantChoice reads the add-participants form into the municipalities not yet
// taking part: single picks (ehak), every one (all), a county's (county, its EHAK code),
// a type's (type) and another activity's participants (copy_from, an activity id). An
// activity the user may not read is answered as a missing one, so ids cannot be probed.
func (ui *UI) participantChoice(r *http.Request, p planActivityPage) ([]string, kovit.Problems, error) {
	var problems kovit.Problems
	var want []string
	known := map[string]bool{}
	counties := map[string]bool{}
	for _, m := range p.Municipalities {
		known[m.EHAK], counties[m.CountyEHAK] = true, true
	}
	for _, ehak := range r.PostForm["ehak"] {
		if !known[ehak] {
			problems.Add("ehak", "error.unknown_municipality")
			continue
		}
		want = append(want, ehak)
	}
	all := r.PostFormValue("all") == "on"
	county := strings.TrimSpace(r.PostFormValue("county"))
	if county != "" && !counties[county] {
		problems.Add("county", "fastentry.error.county")
	}
	typ := municipality.Type(r.PostFormValue("type"))
	if typ != "" && typ != municipality.City && typ != municipality.Rural {
		problems.Add("type", "fastentry.error.type")
	}
	for _, m := range p.Municipalities {
		if all || (county != "" && m.CountyEHAK == county) || (typ != "" && m.Type == typ) {
			want = append(want, m.EHAK)
		}
	}
	if from := strings.TrimSpace(r.PostFormValue("copy_from")); from != "" {
		copied, err := ui.participantsOf(r, from)
		switch kovit.ErrorCode(err) {
		case "":
			want = append(want, copied...)
		case kovit.ENotFound, kovit.EForbidden, kovit.EUnauthorized:
			problems.Add("copy_from", "fastentry.error.copy_from")
		default:
			return nil, nil, err
		}
	}
	var add []string
	seen := map[string]bool{}
	for _, ehak := range want {
		if !seen[ehak] && !p.Taking(ehak) {
			seen[ehak] = true
			add = append(add, ehak)
		}
	}
	return add, problems, nil
}

// participantsOf is the municipalities taking part in the activity with id, if the user
// may read its strategy.
func (ui *UI) participantsOf(r *http.Request, id string) ([]string, error) {
	ctx := r.Context()
	n, err := strconv.ParseInt(id, 10, 64)
	if err != nil || n <= 0 {
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
