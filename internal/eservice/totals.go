package eservice

// ServiceTotal is one service's national aggregates over the cells filled in: how many
// there are, how many are marked not applicable, how many of the others are online (level
// ≥ Online) and the residents of those municipalities, and how many await verification
// or were returned. The store keeps them up to date on
// every change to a cell, so national figures never read every cell.
type ServiceTotal struct {
	Code             string `json:"code"`
	Filled           int    `json:"filled"`
	NotApplicable    int    `json:"not_applicable"`
	Online           int    `json:"online"`
	PopulationOnline int64  `json:"population_online"`
	SelfReported     int    `json:"self_reported"` // awaiting a coordinator's verification
	Returned         int    `json:"returned"`      // returned to their municipality
}

// Totals is every service's ServiceTotal, by code; a service with no cell filled in has
// none. It is shared, like Grid: read it, never change it.
type Totals struct {
	Filled    int // cells filled in, every service's
	ByService map[string]ServiceTotal
	// Version names the cells' offerings and levels these totals were read with: two
	// equal versions above zero are the same cells, so what a page derives from them
	// (LevelGrid's cells) may be kept until the version changes. Zero names nothing.
	Version uint64
}

// NewTotals indexes a list of services' totals.
func NewTotals(list []ServiceTotal) Totals {
	t := Totals{ByService: make(map[string]ServiceTotal, len(list))}
	for _, st := range list {
		t.ByService[st.Code] = st
		t.Filled += st.Filled
	}
	return t
}

// Spread is Grid.Spread over every municipality (there are municipalities of them), from
// the totals: a cell never filled in counts at level 0 and applicable, as in the matrix.
func (t Totals) Spread(municipalities int, services []Service) MonthShare {
	var out MonthShare
	for _, s := range services {
		st := t.ByService[s.Code]
		out.Reached += st.Online
		out.Of += municipalities - st.NotApplicable
	}
	out.Share = ratio(out.Reached, out.Of)
	return out
}

// StatsOf is Grid.StatsOf over every municipality (there are municipalities of them,
// with population residents), from the totals.
func (t Totals) StatsOf(code string, municipalities, population int) ServiceStats {
	st := t.ByService[code]
	out := ServiceStats{Code: code, Applicable: municipalities - st.NotApplicable, Online: st.Online,
		PopulationOnline: int(st.PopulationOnline)}
	if out.Applicable > 0 {
		out.Share = float64(out.Online) / float64(out.Applicable)
	}
	if population > 0 {
		out.PopulationShare = float64(out.PopulationOnline) / float64(population)
	}
	return out
}
