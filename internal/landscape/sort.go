package landscape

import (
	"slices"
	"strconv"
	"strings"

	"kovit/internal/municipality"
)

// SortSolutions orders solutions by name in Estonian alphabetical order, then by id.
func SortSolutions(s []Solution) {
	keys := make(map[int64]string, len(s))
	for _, x := range s {
		keys[x.ID] = municipality.SortKey(x.Name)
	}
	slices.SortStableFunc(s, func(a, b Solution) int {
		if c := strings.Compare(keys[a.ID], keys[b.ID]); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
}

// CompareVersions orders version numbers part by part, numbers as numbers: 9.2 < 10.1 and
// 13.4 < 13.4.1. A part that is not a number compares as text.
func CompareVersions(a, b string) int {
	pa, pb := strings.FieldsFunc(a, isSep), strings.FieldsFunc(b, isSep)
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		var c int
		if ea == nil && eb == nil {
			c = na - nb
		} else {
			c = strings.Compare(pa[i], pb[i])
		}
		if c != 0 {
			if c < 0 {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(pa) < len(pb):
		return -1
	case len(pa) > len(pb):
		return 1
	}
	return 0
}

func isSep(r rune) bool { return r == '.' || r == '-' || r == '_' || r == ' ' }
