package demo

import (
	"context"
	"time"
)

// monthTallies counts, as the generator draws each cell's months, each month's per-service
// aggregates a snapshot keeps (snapshot_tallies): counting them afterwards from 15 million
// history rows would read them all again for each of the 24 months.
type monthTallies struct {
	services   int
	online, na []int // [month*services+service]
}

func newMonthTallies(months, services int) *monthTallies {
	return &monthTallies{services: services, online: make([]int, months*services), na: make([]int, months*services)}
}

// notApplicable counts a cell not applicable: it is so in every month, and the generator
// writes it once.
func (t *monthTallies) notApplicable(service int) {
	for i := service; i < len(t.na); i += t.services {
		t.na[i]++
	}
}

// add counts an applicable cell at level in month's step: online at level 3 or more, as
// a snapshot counts it.
func (t *monthTallies) add(step, service, level int) {
	if level >= 3 {
		t.online[step*t.services+service]++
	}
}

// write records the history's months as snapshots (matrix_snapshots) with their tallies,
// as the monthly snapshot would have: the history pages and adoption curves list the
// snapshot months, and the next real snapshot compares only the cells changed since the
// latest of them. They are taken at now, when the generator wrote the cells.
func (t *monthTallies) write(ctx context.Context, s CountryStore, months, codes []string, now time.Time) error {
	snaps := make([]any, 0, 2*len(months))
	rows := make([]any, 0, 4*len(months)*len(codes))
	for m, month := range months {
		snaps = append(snaps, month, now)
		for j, code := range codes {
			i := m*t.services + j
			rows = append(rows, month, code, t.online[i], t.na[i])
		}
	}
	if err := s.BulkInsert(ctx, "matrix_snapshots", []string{"month", "taken_at"}, snaps); err != nil {
		return err
	}
	return s.BulkInsert(ctx, "snapshot_tallies", []string{"month", "service_code", "online", "not_applicable"}, rows)
}
