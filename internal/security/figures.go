package security

import (
	"sort"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// ModuleFigure is one module's answers summed up: how many of its basic-tier measures
// (or, assessed at module level, the module itself) are implemented.
type ModuleFigure struct {
	Code        string  `json:"code"`
	Applies     bool    `json:"applies"`
	Basic       int     `json:"basic"`       // basic-tier measures that count (not "not applicable")
	Implemented int     `json:"implemented"` // of those, implemented
	Answered    int     `json:"answered"`    // answers with a status
	Share       float64 `json:"share"`       // Implemented / Basic, 0 when Basic is 0
}

// Figures are a municipality's computed figures in a round.
type Figures struct {
	Modules     int            `json:"modules"`  // modules that apply
	Excluded    int            `json:"excluded"` // modules left out, with a reason
	Basic       int            `json:"basic"`
	Implemented int            `json:"implemented"`
	Share       float64        `json:"share"`
	Prefilled   int            `json:"prefilled"` // answers still to confirm
	ByModule    []ModuleFigure `json:"by_module"`
}

// FiguresOf computes a municipality's figures from its answers. With measures imported
// for the round's year, a module counts its basic-tier measures; without, each module
// that applies counts as one, answered at module level. A module without a row applies
// and is unanswered; "not applicable" answers leave the count.
func FiguresOf(modules []Module, measures []Measure, answers []Answer) Figures {
	type key struct{ module, measure string }
	byKey := make(map[key]Answer, len(answers))
	for _, a := range answers {
		byKey[key{a.ModuleCode, a.MeasureCode}] = a
	}
	basicOf := map[string][]string{}
	for _, m := range measures {
		if m.Tier == Basic {
			basicOf[m.ModuleCode] = append(basicOf[m.ModuleCode], m.Code)
		}
	}
	var f Figures
	for _, a := range answers {
		if a.Prefilled {
			f.Prefilled++
		}
	}
	for _, mod := range Modules(modules) {
		row, ok := byKey[key{mod.Code, ""}]
		mf := ModuleFigure{Code: mod.Code, Applies: !ok || row.Applies}
		if !mf.Applies {
			f.Excluded++
			f.ByModule = append(f.ByModule, mf)
			continue
		}
		f.Modules++
		count := func(a Answer, answered bool) {
			if !answered || a.Status == "" {
				mf.Basic++
				return
			}
			mf.Answered++
			if a.Status == NotApplicable {
				return
			}
			mf.Basic++
			if a.Status == Implemented {
				mf.Implemented++
			}
		}
		if len(measures) == 0 {
			count(row, ok)
		} else {
			for _, code := range basicOf[mod.Code] {
				a, ok := byKey[key{mod.Code, code}]
				count(a, ok)
			}
		}
		mf.Share = ratio(mf.Implemented, mf.Basic)
		f.Basic += mf.Basic
		f.Implemented += mf.Implemented
		f.ByModule = append(f.ByModule, mf)
	}
	f.Share = ratio(f.Implemented, f.Basic)
	return f
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// MinGroup is the smallest peer group whose aggregate is published: a smaller one would
// come too close to naming its members' answers.
const MinGroup = 5

// Spread is a peer group's published aggregate of the basic-tier share: its spread, never
// a member's name or figure.
type Spread struct {
	Group  string  `json:"group"` // "country", "type", "band" or "county"
	Key    string  `json:"key"`   // the type, band key or county EHAK; "" for the country
	Count  int     `json:"count"` // municipalities with answers in the group
	Min    float64 `json:"min"`
	Q1     float64 `json:"q1"`
	Median float64 `json:"median"`
	Q3     float64 `json:"q3"`
	Max    float64 `json:"max"`
}

// PeerGroups are the groups m is compared within, as (group, key): the country, its type,
// its population band and its county. Every published aggregate groups by these.
func PeerGroups(m municipality.Municipality) [][2]string {
	return [][2]string{{"country", ""}, {"type", string(m.Type)}, {"band", eservice.BandOf(m.Population)}, {"county", m.CountyEHAK}}
}

// GroupOrder orders peer groups as the pages list them: the country first.
var GroupOrder = map[string]int{"country": 0, "type": 1, "band": 2, "county": 3}

// Aggregates groups the municipalities' shares by peer group (the country, type,
// population band, county) and keeps the groups of at least MinGroup municipalities.
// shares holds only the municipalities that answered.
func Aggregates(shares map[string]float64, ms []municipality.Municipality) []Spread {
	groups := map[[2]string][]float64{}
	for _, m := range ms {
		s, ok := shares[m.EHAK]
		if !ok {
			continue
		}
		for _, g := range PeerGroups(m) {
			groups[g] = append(groups[g], s)
		}
	}
	var out []Spread
	for g, vs := range groups {
		if len(vs) < MinGroup {
			continue
		}
		sort.Float64s(vs)
		out = append(out, Spread{Group: g[0], Key: g[1], Count: len(vs), Min: vs[0], Q1: quantile(vs, 0.25),
			Median: quantile(vs, 0.5), Q3: quantile(vs, 0.75), Max: vs[len(vs)-1]})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Group != out[j].Group {
			return GroupOrder[out[i].Group] < GroupOrder[out[j].Group]
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// quantile interpolates linearly between the sorted values (the R-7 rule spreadsheets use).
func quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := int(pos)
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// Shares is each municipality's basic-tier share from its answers in a round (by EHAK):
// the aggregates' input.
func Shares(modules []Module, measures []Measure, answers map[string][]Answer) map[string]float64 {
	out := make(map[string]float64, len(answers))
	for ehak, as := range answers {
		out[ehak] = FiguresOf(modules, measures, as).Share
	}
	return out
}
