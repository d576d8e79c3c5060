package landscape

import (
	"slices"
	"sort"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// PeerFilter narrows the landscape matrix to a peer group; empty fields do not filter.
type PeerFilter struct {
	County string
	Type   municipality.Type
	// Band is a population band's key (eservice.Bands).
	Band string
}

// Validate names a band or type that does not exist.
func (f PeerFilter) Validate() error {
	var p kovit.Problems
	if f.Type != "" && !f.Type.Valid() {
		p.Add("type", "landscape.error.type")
	}
	if f.Band != "" && !slices.ContainsFunc(eservice.Bands, func(b eservice.Band) bool { return b.Key == f.Band }) {
		p.Add("band", "landscape.error.band")
	}
	return p.Err()
}

// Has reports whether m is in the peer group.
func (f PeerFilter) Has(m municipality.Municipality) bool {
	return (f.County == "" || m.CountyEHAK == f.County) && (f.Type == "" || m.Type == f.Type) &&
		(f.Band == "" || eservice.BandOf(m.Population) == f.Band)
}

// MatrixRow is one municipality's row of the matrix: its status per solution id.
type MatrixRow struct {
	Municipality municipality.Municipality
	Status       map[int64]Status
}

// Matrix is municipalities × solutions, each cell the municipality's status of use.
type Matrix struct {
	Solutions []Solution
	Rows      []MatrixRow
	// Running counts, per solution, the municipalities of the group that run it.
	Running map[int64]int
}

// BuildMatrix puts the rows of the peer group's municipalities under the solutions given,
// municipalities in the order given.
func BuildMatrix(ms []municipality.Municipality, sols []Solution, rows []Row, f PeerFilter) Matrix {
	byEHAK := map[string]map[int64]Status{}
	for _, r := range rows {
		if byEHAK[r.MunicipalityEHAK] == nil {
			byEHAK[r.MunicipalityEHAK] = map[int64]Status{}
		}
		byEHAK[r.MunicipalityEHAK][r.SolutionID] = r.Status
	}
	mx := Matrix{Solutions: sols, Running: map[int64]int{}}
	for _, m := range ms {
		if !f.Has(m) {
			continue
		}
		st := byEHAK[m.EHAK]
		if st == nil {
			st = map[int64]Status{}
		}
		for id, s := range st {
			if s.Running() {
				mx.Running[id]++
			}
		}
		mx.Rows = append(mx.Rows, MatrixRow{Municipality: m, Status: st})
	}
	return mx
}

// MinCostGroup is how many costs a figure must stand on before it is shown: with fewer, an
// average would give away one municipality's contract.
const MinCostGroup = 3

// BandCost is the yearly cost of a solution per adopting municipality in a population
// band. Shown is false when fewer than MinCostGroup municipalities gave a cost.
type BandCost struct {
	Band    string
	Count   int
	Average kovit.Money
	Median  kovit.Money
	Shown   bool
}

// CostsByBand is the yearly cost of running solution id in each population band, from the
// rows that state one; figures of fewer than MinCostGroup municipalities are withheld.
func CostsByBand(id int64, rows []Row, population map[string]int) []BandCost {
	costs := map[string][]kovit.Money{}
	for _, r := range rows {
		if r.SolutionID == id && r.YearlyCost != nil && r.Status.Running() {
			b := eservice.BandOf(population[r.MunicipalityEHAK])
			costs[b] = append(costs[b], *r.YearlyCost)
		}
	}
	var out []BandCost
	for _, b := range eservice.Bands {
		c := costs[b.Key]
		bc := BandCost{Band: b.Key, Count: len(c)}
		if len(c) >= MinCostGroup {
			slices.Sort(c)
			var sum kovit.Money
			for _, x := range c {
				sum += x
			}
			bc.Average, bc.Median, bc.Shown = sum/kovit.Money(len(c)), c[len(c)/2], true
			if len(c)%2 == 0 {
				bc.Median = (c[len(c)/2-1] + c[len(c)/2]) / 2
			}
		}
		out = append(out, bc)
	}
	return out
}

// Spread is how many municipalities had a solution in production by the end of each year,
// from the rows' status histories: the first time a row reached production counts, and a
// row stopped since still counts for the years it ran.
func Spread(id int64, rows []Row) []YearCount {
	first := map[string]time.Time{}
	for _, r := range rows {
		if r.SolutionID != id {
			continue
		}
		for _, c := range r.History {
			if c.Status == Production {
				if t, ok := first[r.MunicipalityEHAK]; !ok || c.At.Before(t) {
					first[r.MunicipalityEHAK] = c.At
				}
				break
			}
		}
	}
	byYear := map[int]int{}
	for _, t := range first {
		byYear[t.Year()]++
	}
	var years []int
	for y := range byYear {
		years = append(years, y)
	}
	sort.Ints(years)
	var out []YearCount
	total := 0
	for _, y := range years {
		total += byYear[y]
		out = append(out, YearCount{Year: y, Count: total})
	}
	return out
}

// YearCount is a cumulative count by the end of a year.
type YearCount struct {
	Year, Count int
}
