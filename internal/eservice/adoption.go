package eservice

import (
	"time"

	"kovit/internal/municipality"
)

// LevelSeries is, month by month, the share of the municipalities a service applies to
// that offered it at Level or above at the end of the month.
type LevelSeries struct {
	Level int          `json:"level"`
	Items []MonthShare `json:"items"`
}

// AdoptionOf is a service's uptake over the snapshot months (YYYY-MM, oldest first),
// from its snapshot cells: a series for each of levels, and the share of all residents
// of ms who lived in a municipality that offered it online (level ≥ Online). The shares
// of municipalities are of those the service applies to; one without a cell in a
// month's snapshot had not filled it in and counts at level 0, as in the matrix. The
// population is today's, as snapshots do not keep it.
func AdoptionOf(months []string, snaps []SnapshotCell, ms []municipality.Municipality, levels []int) (series []LevelSeries, population []MonthShare) {
	residents := make(map[string]int, len(ms))
	total := 0
	for _, m := range ms {
		residents[m.EHAK] = m.Population
		total += m.Population
	}
	type tally struct {
		notApplicable, online int // online: residents
		reached               []int
	}
	byMonth := make(map[string]*tally, len(months))
	for _, m := range months {
		byMonth[m] = &tally{reached: make([]int, len(levels))}
	}
	for _, c := range snaps {
		t := byMonth[c.Month]
		pop, known := residents[c.MunicipalityEHAK]
		switch {
		case t == nil || !known:
		case c.Offering == NotApplicable:
			t.notApplicable++
		default:
			for i, k := range levels {
				if c.Level >= k {
					t.reached[i]++
				}
			}
			if c.Level >= Online {
				t.online += pop
			}
		}
	}
	series = make([]LevelSeries, len(levels))
	for i, k := range levels {
		series[i] = LevelSeries{Level: k, Items: []MonthShare{}}
	}
	population = []MonthShare{}
	for _, m := range months {
		start, err := time.Parse("2006-01", m)
		if err != nil {
			continue // the store keeps only valid months
		}
		t := byMonth[m]
		for i := range levels {
			of := len(ms) - t.notApplicable
			series[i].Items = append(series[i].Items, MonthShare{Month: start, Share: ratio(t.reached[i], of), Reached: t.reached[i], Of: of})
		}
		population = append(population, MonthShare{Month: start, Share: ratio(t.online, total), Reached: t.online, Of: total})
	}
	return series, population
}

// ratio is n/of, or 0 when of is 0.
func ratio(n, of int) float64 {
	if of <= 0 {
		return 0
	}
	return float64(n) / float64(of)
}
