package survey

import (
	"sort"

	"kovit/internal/municipality"
)

// Result is one question's approved answers summed up by peer group: how many chose each
// option (of a grid, each option over all services), or the mean of a number or scale.
// Texts and dates are not summed up: they would name a municipality's own words.
type Result struct {
	Key    string        `json:"key"`
	Text   string        `json:"text"`
	Type   Type          `json:"type"`
	Groups []GroupResult `json:"groups"`
}

// GroupResult is a peer group's part of a result.
type GroupResult struct {
	Group     string         `json:"group"`     // the group's name, e.g. "linn" or a county
	Responses int            `json:"responses"` // approved responses answering the question
	Counts    map[string]int `json:"counts,omitempty"`
	Mean      *float64       `json:"mean,omitempty"`
}

// GroupOf names a municipality's peer group: by "type", "county" or "band" (population).
type GroupOf func(m municipality.Municipality) string

// Results sums up the approved responses of s by the peer group groupOf gives each
// municipality, in the survey's question order and the groups' name order.
func Results(s Survey, responses []Response, ms map[string]municipality.Municipality, groupOf GroupOf) []Result {
	out := []Result{}
	for _, q := range s.Questions {
		if q.Type == Text || q.Type == Date {
			continue
		}
		byGroup := map[string]*GroupResult{}
		sums := map[string]float64{}
		for _, r := range responses {
			a, ok := r.Answers[q.Key]
			m, known := ms[r.MunicipalityEHAK]
			if r.State != Approved || !ok || !known {
				continue
			}
			name := groupOf(m)
			g := byGroup[name]
			if g == nil {
				g = &GroupResult{Group: name, Counts: map[string]int{}}
				byGroup[name] = g
			}
			g.Responses++
			switch q.Type {
			case Single:
				g.Counts[a.Text]++
			case Multiple:
				for _, c := range a.Choices {
					g.Counts[c]++
				}
			case ServiceGrid, SolutionGrid:
				for _, v := range a.Grid {
					g.Counts[v]++
				}
			case Number, Scale:
				if a.Number != nil {
					sums[name] += *a.Number
				}
			}
		}
		res := Result{Key: q.Key, Text: q.Text, Type: q.Type, Groups: []GroupResult{}}
		for name, g := range byGroup {
			if q.Type == Number || q.Type == Scale {
				mean := sums[name] / float64(g.Responses)
				g.Mean, g.Counts = &mean, nil
			}
			res.Groups = append(res.Groups, *g)
		}
		sort.Slice(res.Groups, func(i, j int) bool { return res.Groups[i].Group < res.Groups[j].Group })
		out = append(out, res)
	}
	return out
}
