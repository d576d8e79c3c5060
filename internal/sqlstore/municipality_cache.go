package sqlstore

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"kovit/internal/municipality"
)

// municipalityCopy is the 79 municipalities and 15 counties kept in memory. They are read
// on almost every page and change only when an editor saves contact details, so lists are
// filtered, sorted and paged in Go from this copy instead of asking SQLite each time (a
// query of the whole table costs more than everything else a list request does). It is
// never modified after loading.
type municipalityCopy struct {
	rows     []cachedMunicipality // in Estonian name order
	counties []municipality.County
}

type cachedMunicipality struct {
	m         municipality.Municipality
	search    string
	sortKey   string
	countyKey string
}

// cachedMunicipalities returns the kept rows and counties. The slices are never modified
// after loading, so callers may read them freely.
func (s *Store) cachedMunicipalities(ctx context.Context) ([]cachedMunicipality, []municipality.County, error) {
	c, err := s.municipalities.get(ctx, func(ctx context.Context, _ municipalityCopy, _ bool) (municipalityCopy, error) {
		return s.loadMunicipalities(ctx)
	})
	return c.rows, c.counties, err
}

func (s *Store) loadMunicipalities(ctx context.Context) (municipalityCopy, error) {
	rows, err := s.query(ctx, `SELECT `+municipalityColumns+`, m.search_key, m.sort_key, c.sort_key
		FROM municipalities m JOIN counties c ON c.ehak = m.county_ehak ORDER BY m.sort_key`)
	if err != nil {
		return municipalityCopy{}, fmt.Errorf("sqlstore: load municipalities: %w", err)
	}
	defer rows.Close()
	var out []cachedMunicipality
	for rows.Next() {
		var r cachedMunicipality
		if r.m, err = scanMunicipality(rows, &r.search, &r.sortKey, &r.countyKey); err != nil {
			return municipalityCopy{}, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return municipalityCopy{}, err
	}
	// In the order sortMunicipalities gives by name (the database's collation may differ),
	// so that a list in the default order needs no sorting.
	sortMunicipalities(out, "", false)
	counties, err := s.loadCounties(ctx)
	if err != nil {
		return municipalityCopy{}, err
	}
	return municipalityCopy{rows: out, counties: counties}, nil
}

// ListMunicipalities implements municipality.Store.
func (s *Store) ListMunicipalities(ctx context.Context, f municipality.Filter) ([]municipality.Municipality, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	all, _, err := s.cachedMunicipalities(ctx)
	if err != nil {
		return nil, 0, err
	}
	q := municipality.SearchKey(f.Q)
	matched := make([]cachedMunicipality, 0, len(all))
	for _, r := range all {
		if (q == "" || strings.Contains(r.search, q)) && (f.CountyEHAK == "" || r.m.CountyEHAK == f.CountyEHAK) &&
			(f.Type == "" || r.m.Type == f.Type) {
			matched = append(matched, r)
		}
	}
	sortMunicipalities(matched, f.Sort, f.Desc)
	total := len(matched)
	from := min(f.Offset, total)
	to := min(from+f.Limit, total)
	out := make([]municipality.Municipality, 0, to-from)
	for _, r := range matched[from:to] {
		out = append(out, r.m)
	}
	return out, total, nil
}

// sortMunicipalities orders by the chosen field, then by Estonian name order; desc
// reverses the chosen field only.
func sortMunicipalities(rs []cachedMunicipality, field string, desc bool) {
	cmp := func(a, b cachedMunicipality) int {
		switch field {
		case municipality.SortCounty:
			return strings.Compare(a.countyKey, b.countyKey)
		case municipality.SortType:
			return strings.Compare(string(a.m.Type), string(b.m.Type))
		case municipality.SortPopulation:
			return a.m.Population - b.m.Population
		}
		return strings.Compare(a.sortKey, b.sortKey)
	}
	less := func(i, j int) bool {
		c := cmp(rs[i], rs[j])
		if desc {
			c = -c
		}
		if c == 0 {
			return rs[i].sortKey < rs[j].sortKey
		}
		return c < 0
	}
	// The copy is kept in name order (loadMunicipalities), the default: a large country's
	// 10,800 municipalities are then checked once rather than sorted for every page of them.
	if !sort.SliceIsSorted(rs, less) {
		sort.SliceStable(rs, less)
	}
}
