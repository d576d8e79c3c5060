package need

import (
	"cmp"
	"slices"
	"strings"
)

// Fields a list of needs may be sorted by.
const (
	SortCreated      = "created"
	SortUpdated      = "updated"
	SortTitle        = "title"
	SortMunicipality = "municipality"
	SortCategory     = "category"
	SortCost         = "cost"
	SortUrgency      = "urgency"
	SortState        = "state"
)

// SortFields lists the fields a list may be sorted by; any other is refused.
var SortFields = []string{SortCreated, SortUpdated, SortTitle, SortMunicipality, SortCategory, SortCost, SortUrgency, SortState}

// SortKeys gives the Estonian alphabetical order of what a need only names: its title and
// its municipality (municipality.SortKey of each).
type SortKeys struct {
	Title        func(Need) string
	Municipality func(ehak string) string
}

// SortNeeds orders needs by field, descending when desc. Categories, urgencies and states
// go in their lists' order (Categories, Urgencies, States), not by their names' spelling.
// A need without a cost or urgency comes last either way, and needs equal in the field
// keep the order of their ids in the same direction, so pages do not overlap.
// The needs are pointers so that a store can sort its shared copy's needs without
// copying them; SortNeeds changes only the slice's order.
func SortNeeds(needs []*Need, field string, desc bool, k SortKeys) {
	slices.SortStableFunc(needs, func(a, b *Need) int {
		ua, ub := unknown(a, field), unknown(b, field)
		switch {
		case ua && !ub:
			return 1
		case ub && !ua:
			return -1
		}
		c := compareBy(a, b, field, k)
		if c == 0 {
			c = cmp.Compare(a.ID, b.ID)
		}
		if desc {
			return -c
		}
		return c
	})
}

// unknown reports whether a need lacks the value it is sorted by.
func unknown(n *Need, field string) bool {
	switch field {
	case SortCost:
		return n.Cost == nil
	case SortUrgency:
		return n.Urgency == ""
	}
	return false
}

func compareBy(a, b *Need, field string, k SortKeys) int {
	switch field {
	case SortUpdated:
		return a.UpdatedAt.Compare(b.UpdatedAt)
	case SortTitle:
		return strings.Compare(k.Title(*a), k.Title(*b))
	case SortMunicipality:
		return strings.Compare(k.Municipality(a.MunicipalityEHAK), k.Municipality(b.MunicipalityEHAK))
	case SortCategory:
		return cmp.Compare(slices.Index(Categories, a.Category), slices.Index(Categories, b.Category))
	case SortCost:
		return cmp.Compare(*a.Cost, *b.Cost)
	case SortUrgency:
		return cmp.Compare(slices.Index(Urgencies, a.Urgency), slices.Index(Urgencies, b.Urgency))
	case SortState:
		return cmp.Compare(slices.Index(States, a.State), slices.Index(States, b.State))
	}
	return a.CreatedAt.Compare(b.CreatedAt)
}
