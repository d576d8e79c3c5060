package edemocracy

// Measures are the practices a municipality has or has not, each a yes or no of its
// record: the map colours municipalities by one of them or by how many they have, and an
// action-plan indicator may follow the share of municipalities that have one.
var Measures = []string{"streaming", "recordings", "budget", "rahvaalgatus", "open_data", "public_council"}

// MeasureValid reports whether m is one of Measures.
func MeasureValid(m string) bool { return contains(Measures, m) }

// Has reports whether the practice has measure m; a practice not entered (the zero
// Practice) has none.
func (p Practice) Has(m string) bool {
	switch m {
	case "streaming":
		return p.Streaming
	case "recordings":
		return p.Recordings
	case "budget":
		return p.BudgetYear != nil
	case "rahvaalgatus":
		return p.Rahvaalgatus
	case "open_data":
		return p.OpenDataURL != ""
	case "public_council":
		return len(p.PublicModules) > 0
	}
	return false
}

// Score is how many of Measures the practice has, 0 to len(Measures).
func (p Practice) Score() int {
	n := 0
	for _, m := range Measures {
		if p.Has(m) {
			n++
		}
	}
	return n
}

// Share is the per cent of the municipalities ms (by EHAK) whose practice has measure m;
// a municipality that has not entered its practice counts as not having it, so the
// figure cannot rise by municipalities falling silent. 0 for no municipalities.
func Share(ehaks []string, practices []Practice, m string) float64 {
	if len(ehaks) == 0 {
		return 0
	}
	by := make(map[string]Practice, len(practices))
	for _, p := range practices {
		by[p.MunicipalityEHAK] = p
	}
	n := 0
	for _, e := range ehaks {
		if by[e].Has(m) {
			n++
		}
	}
	return float64(n) * 100 / float64(len(ehaks))
}
