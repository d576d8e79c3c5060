package plan

import (
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// ParticipantChoice is who to add to a joint activity at once: single picks, every
// municipality, a county's, a type's and another activity's participants.
type ParticipantChoice struct {
	Municipalities []string          `json:"municipalities"` // EHAK codes
	All            bool              `json:"all"`
	County         string            `json:"county"` // a county's EHAK code
	Type           municipality.Type `json:"type"`
	CopyFrom       int64             `json:"copy_from"` // an activity whose participants to add
}

// Resolve is the municipalities of ms that c chooses, with copied (the participants of
// CopyFrom, which the caller reads under the plan read rule), without repeats and without
// those taking part already. A code, county or type that is not known is a problem named
// by its field.
func (c ParticipantChoice) Resolve(ms []municipality.Municipality, copied []string, taking func(string) bool) ([]string, kovit.Problems) {
	var problems kovit.Problems
	known, counties := map[string]bool{}, map[string]bool{}
	for _, m := range ms {
		known[m.EHAK], counties[m.CountyEHAK] = true, true
	}
	var want []string
	for _, ehak := range c.Municipalities {
		if !known[ehak] {
			if !problems.Has("municipalities") {
				problems.Add("municipalities", "error.unknown_municipality")
			}
			continue
		}
		want = append(want, ehak)
	}
	if c.County != "" && !counties[c.County] {
		problems.Add("county", "fastentry.error.county")
	}
	if c.Type != "" && c.Type != municipality.City && c.Type != municipality.Rural {
		problems.Add("type", "fastentry.error.type")
	}
	for _, m := range ms {
		if c.All || (c.County != "" && m.CountyEHAK == c.County) || (c.Type != "" && m.Type == c.Type) {
			want = append(want, m.EHAK)
		}
	}
	want = append(want, copied...)
	var out []string
	seen := map[string]bool{}
	for _, ehak := range want {
		if !seen[ehak] && !taking(ehak) {
			seen[ehak] = true
			out = append(out, ehak)
		}
	}
	return out, problems
}
