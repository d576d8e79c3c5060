package eservice

import (
	"sort"
	"time"

	"kovit/internal/municipality"
)

// Online is the level from which a service counts as truly online (eID application).
const Online = 3

// Band is a population band, one of the peer groups.
type Band struct {
	Key      string
	Min, Max int // inclusive
}

// Bands are the population bands municipalities are compared within.
var Bands = []Band{
	{"lt5000", 0, 4999}, {"5000-9999", 5000, 9999}, {"10000-19999", 10000, 19999},
	{"20000-49999", 20000, 49999}, {"ge50000", 50000, 1 << 31},
}

// BandOf returns the key of the band a population falls in.
func BandOf(population int) string {
	for _, b := range Bands {
		if population >= b.Min && population <= b.Max {
			return b.Key
		}
	}
	return Bands[len(Bands)-1].Key
}

// Grid is the matrix with every cell's level in reach: municipality → service → cell.
// Cells never filled in are absent and count as level 0 and applicable.
type Grid map[string]map[string]Cell

// NewGrid indexes cells.
func NewGrid(cells []Cell) Grid {
	g := Grid{}
	for _, c := range cells {
		if g[c.MunicipalityEHAK] == nil {
			g[c.MunicipalityEHAK] = map[string]Cell{}
		}
		g[c.MunicipalityEHAK][c.ServiceCode] = c
	}
	return g
}

// Len is how many cells have been filled in.
func (g Grid) Len() int {
	n := 0
	for _, row := range g {
		n += len(row)
	}
	return n
}

// Cell returns the cell of a municipality and service, or an unknown one never filled in.
func (g Grid) Cell(ehak, code string) Cell {
	if c, ok := g[ehak][code]; ok {
		return c
	}
	return UnknownCell(ehak, code)
}

// ServiceStats sums up one service across a set of municipalities.
type ServiceStats struct {
	Code             string  `json:"code"`
	Applicable       int     `json:"applicable"`
	Online           int     `json:"online"`            // at level ≥ 3
	Share            float64 `json:"share_online"`      // of applicable municipalities
	PopulationOnline int     `json:"population_online"` // residents of those municipalities
	PopulationShare  float64 `json:"population_share"`  // of all residents of the set
}

// StatsOf computes a service's figures over ms.
func (g Grid) StatsOf(code string, ms []municipality.Municipality) ServiceStats {
	st := ServiceStats{Code: code}
	total := 0
	for _, m := range ms {
		total += m.Population
		c := g.Cell(m.EHAK, code)
		if c.Offering == NotApplicable {
			continue
		}
		st.Applicable++
		if c.Level >= Online {
			st.Online++
			st.PopulationOnline += m.Population
		}
	}
	if st.Applicable > 0 {
		st.Share = float64(st.Online) / float64(st.Applicable)
	}
	if total > 0 {
		st.PopulationShare = float64(st.PopulationOnline) / float64(total)
	}
	return st
}

// MunicipalityStats sums up one municipality across services.
type MunicipalityStats struct {
	EHAK   string  `json:"ehak"`
	Median float64 `json:"median_level"`
	Online int     `json:"online"` // services at level ≥ 3
}

// MunicipalityStatsOf computes a municipality's median level and count of online services
// over the applicable services.
func (g Grid) MunicipalityStatsOf(ehak string, services []Service) MunicipalityStats {
	st, _ := StatsOfCells(ehak, services, g.Cell, nil)
	return st
}

// StatsOfCells is MunicipalityStatsOf over the cells cell returns, for a store that keeps
// the matrix in another form than a Grid. levels is room for the levels, returned for
// the next call to reuse.
func StatsOfCells(ehak string, services []Service, cell func(ehak, code string) Cell, levels []int) (MunicipalityStats, []int) {
	st := MunicipalityStats{EHAK: ehak}
	for _, s := range services {
		c := cell(ehak, s.Code)
		if c.Offering == NotApplicable {
			continue
		}
		levels = append(levels, c.Level)
		if c.Level >= Online {
			st.Online++
		}
	}
	st.Median = Median(levels)
	return st, levels
}

// Median of levels; 0 for none.
func Median(levels []int) float64 {
	if len(levels) == 0 {
		return 0
	}
	s := append([]int(nil), levels...)
	sort.Ints(s)
	n := len(s)
	if n%2 == 1 {
		return float64(s[n/2])
	}
	return float64(s[n/2-1]+s[n/2]) / 2
}

// MedianOfCounts is Median of levels given as how many there are of each: counts[l] of
// level l. A store that keeps levels compactly counts them rather than list them.
func MedianOfCounts(counts []int) float64 {
	n := 0
	for _, c := range counts {
		n += c
	}
	if n == 0 {
		return 0
	}
	// nth is the level at 0-based position i of the sorted levels.
	nth := func(i int) int {
		for l, c := range counts {
			if i < c {
				return l
			}
			i -= c
		}
		return len(counts) - 1
	}
	if n%2 == 1 {
		return float64(nth(n / 2))
	}
	return float64(nth(n/2-1)+nth(n/2)) / 2
}

// Peers returns the municipalities in the same peer group as m: "type", "band" (population
// band) or "county".
func Peers(m municipality.Municipality, all []municipality.Municipality, group string) []municipality.Municipality {
	var out []municipality.Municipality
	for _, o := range all {
		same := false
		switch group {
		case "type":
			same = o.Type == m.Type
		case "band":
			same = BandOf(o.Population) == BandOf(m.Population)
		case "county":
			same = o.CountyEHAK == m.CountyEHAK
		}
		if same {
			out = append(out, o)
		}
	}
	return out
}

// MedianOfGroup is the median of the municipalities' median levels.
func (g Grid) MedianOfGroup(ms []municipality.Municipality, services []Service) float64 {
	var sum []float64
	for _, m := range ms {
		sum = append(sum, g.MunicipalityStatsOf(m.EHAK, services).Median)
	}
	return MedianOf(sum)
}

// MedianOfStats is MedianOfGroup from the municipalities' figures, by code.
func MedianOfStats(ms []municipality.Municipality, stats map[string]MunicipalityStats) float64 {
	sum := make([]float64, 0, len(ms))
	for _, m := range ms {
		sum = append(sum, stats[m.EHAK].Median)
	}
	return MedianOf(sum)
}

// MedianOf is the median of values (which it sorts); 0 for none.
func MedianOf(values []float64) float64 {
	if len(values) == 0 {
		return 0
	}
	sort.Float64s(values)
	n := len(values)
	if n%2 == 1 {
		return values[n/2]
	}
	return (values[n/2-1] + values[n/2]) / 2
}

// MonthValue is one month's value of a series.
type MonthValue struct {
	Month time.Time `json:"month"`
	Value float64   `json:"value"`
}

// MedianHistory is a municipality's median level over the services at each month's
// snapshot. A service with no snapshotted cell counts as level 0, one not applicable to
// the municipality is left out, as in MunicipalityStatsOf.
func MedianHistory(months []string, snaps []SnapshotCell, services []Service) []MonthValue {
	byMonth := map[string]map[string]SnapshotCell{}
	for _, c := range snaps {
		if byMonth[c.Month] == nil {
			byMonth[c.Month] = map[string]SnapshotCell{}
		}
		byMonth[c.Month][c.ServiceCode] = c
	}
	var out []MonthValue
	for _, month := range months {
		t, err := time.Parse("2006-01", month)
		if err != nil {
			continue
		}
		var levels []int
		for _, s := range services {
			c, ok := byMonth[month][s.Code]
			if ok && c.Offering == NotApplicable {
				continue
			}
			levels = append(levels, c.Level)
		}
		out = append(out, MonthValue{Month: t, Value: Median(levels)})
	}
	return out
}
