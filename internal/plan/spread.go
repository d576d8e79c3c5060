package plan

import (
	"cmp"
	"slices"
	"time"

	"kovit/internal/municipality"
)

// Turnout is how many municipalities take part in a joint activity and how many of them
// are done.
type Turnout struct {
	Taking int
	Done   int
}

// Turnouts counts each joint activity's participants and those done, by activity id. The
// map is the caller's to read, not to change: a Shared tree hands out its own.
func Turnouts(t Tree) map[int64]Turnout {
	if t.index != nil {
		return t.index.turnouts
	}
	out := map[int64]Turnout{}
	for _, p := range t.Participants {
		c := out[p.ActivityID]
		c.Taking++
		if s, ok := t.Strategy.Statuses.Find(p.Status); ok && s.Done {
			c.Done++
		}
		out[p.ActivityID] = c
	}
	return out
}

// Spread is how far a joint activity has got across the country: in all, per county, and
// the municipalities furthest behind.
type Spread struct {
	Turnout
	Counties []CountyTurnout
	// Laggards are the parts not done, those longest overdue first, then the least complete.
	Laggards []Participant
}

// CountyTurnout is a county's share of a joint activity.
type CountyTurnout struct {
	County string // as countyOf names it
	Turnout
}

// MaxLaggards bounds the laggards list: a page shows who to call first, not everyone.
const MaxLaggards = 10

// SpreadOf works out the spread of one activity's parts. countyOf gives each
// municipality's county; counties come in Estonian alphabetical order.
func SpreadOf(parts []Participant, statuses Statuses, countyOf func(ehak string) string, now time.Time) Spread {
	var s Spread
	byCounty := map[string]*CountyTurnout{}
	type late struct {
		p    Participant
		days int // overdue by; 0 when not overdue
	}
	var behind []late
	for _, p := range parts {
		c := byCounty[countyOf(p.MunicipalityEHAK)]
		if c == nil {
			c = &CountyTurnout{County: countyOf(p.MunicipalityEHAK)}
			byCounty[c.County] = c
		}
		s.Taking++
		c.Taking++
		st, _ := statuses.Find(p.Status)
		switch {
		case st.Done:
			s.Done++
			c.Done++
		case st.Cancelled:
		default:
			l := late{p: p}
			if IsOverdue(p.Due, now) {
				l.days = daysBetween(*p.Due, now)
			}
			behind = append(behind, l)
		}
	}
	for _, c := range byCounty {
		s.Counties = append(s.Counties, *c)
	}
	slices.SortFunc(s.Counties, func(a, b CountyTurnout) int {
		return cmp.Compare(municipality.SortKey(a.County), municipality.SortKey(b.County))
	})
	slices.SortStableFunc(behind, func(a, b late) int {
		return cmp.Or(cmp.Compare(b.days, a.days), cmp.Compare(a.p.Completion, b.p.Completion),
			cmp.Compare(a.p.MunicipalityEHAK, b.p.MunicipalityEHAK))
	})
	for _, l := range behind[:min(len(behind), MaxLaggards)] {
		s.Laggards = append(s.Laggards, l.p)
	}
	return s
}
