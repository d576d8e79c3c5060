package eservice

import (
	"time"

	"kovit/internal/municipality"
)

// SnapshotTally counts one service's cells in one month's snapshot: those online (level ≥
// Online and applicable) and those marked not applicable. The home page's sparkline sums
// them, so it never reads every snapshotted cell.
type SnapshotTally struct {
	Month         string `json:"month"`
	ServiceCode   string `json:"service_code"`
	Online        int    `json:"online"`
	NotApplicable int    `json:"not_applicable"`
}

// Spread is the share of municipality × service pairs at level ≥ Online over the pairs
// that apply: the matrix page's per-service figures (StatsOf) summed over every service.
// A cell never filled in counts at level 0, as in the matrix.
func (g Grid) Spread(ms []municipality.Municipality, services []Service) MonthShare {
	var out MonthShare
	for _, s := range services {
		st := g.StatsOf(s.Code, ms)
		out.Reached += st.Online
		out.Of += st.Applicable
	}
	out.Share = ratio(out.Reached, out.Of)
	return out
}

// SpreadHistory is Spread month by month from the snapshots' tallies, for the given
// months (YYYY-MM, oldest first): municipalities is how many there are, services the
// services counted (a retired one's tallies are left out, as the matrix leaves it out).
func SpreadHistory(months []string, tallies []SnapshotTally, municipalities int, services []Service) []MonthShare {
	counted := make(map[string]bool, len(services))
	for _, s := range services {
		counted[s.Code] = true
	}
	type sum struct{ online, na int }
	byMonth := make(map[string]*sum, len(months))
	for _, m := range months {
		byMonth[m] = &sum{}
	}
	for _, t := range tallies {
		if s := byMonth[t.Month]; s != nil && counted[t.ServiceCode] {
			s.online += t.Online
			s.na += t.NotApplicable
		}
	}
	out := make([]MonthShare, 0, len(months))
	for _, m := range months {
		start, err := time.Parse("2006-01", m)
		if err != nil {
			continue // the store keeps only valid months
		}
		s := byMonth[m]
		of := municipalities*len(services) - s.na
		out = append(out, MonthShare{Month: start, Reached: s.online, Of: of, Share: ratio(s.online, of)})
	}
	return out
}
