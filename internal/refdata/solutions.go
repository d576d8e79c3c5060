package refdata

import (
	_ "embed"
	"fmt"
	"strings"

	"kovit/internal/landscape"
)

//go:embed solutions.csv
var solutionsCSV []byte

// Solutions returns the seed of the solution catalogue (SOURCES-solutions.md): names,
// kinds, owners and links only, no versions or prices, which the sources do not give.
func Solutions() ([]landscape.Solution, error) {
	rows, err := readCSV(solutionsCSV, "name", "kind", "area", "owner", "supplier", "licence", "standards", "links", "description", "source")
	if err != nil {
		return nil, fmt.Errorf("solutions.csv: %w", err)
	}
	out := make([]landscape.Solution, len(rows))
	for i, r := range rows {
		s := landscape.Solution{Name: r["name"], Kind: landscape.Kind(r["kind"]), Area: landscape.Area(r["area"]),
			Owner: r["owner"], Supplier: r["supplier"], Licence: r["licence"], Description: r["description"],
			Standards: strings.Fields(r["standards"]), Links: strings.Fields(r["links"]),
			Source: "SOURCES-solutions.md " + r["source"], State: landscape.Accepted}
		s.Normalize()
		if err := s.Validate(); err != nil {
			return nil, fmt.Errorf("solutions.csv row %d: %w", i+2, err)
		}
		out[i] = s
	}
	return out, nil
}
