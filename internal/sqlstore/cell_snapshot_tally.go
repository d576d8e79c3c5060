package sqlstore

import (
	"context"
	"fmt"
	"sort"
	"time"

	"kovit/internal/eservice"
)

// tallyCopy is every snapshot's tallies (eservice.SnapshotTally) by month, with when each
// month was taken. A month's tallies stay as they are until it is taken again: a load
// after cacheTTL reads again only the months whose taken_at changed.
type tallyCopy struct {
	takenAt map[string]time.Time
	byMonth map[string][]eservice.SnapshotTally
}

// SnapshotTallies implements eservice.Store, from the kept tallies.
func (s *Store) SnapshotTallies(ctx context.Context, since string) ([]eservice.SnapshotTally, error) {
	cp, err := s.tallies.get(ctx, func(ctx context.Context, last tallyCopy, _ bool) (tallyCopy, error) {
		return loadTallies(ctx, s, last)
	})
	if err != nil {
		return nil, err
	}
	var months []string
	for m := range cp.byMonth {
		if m >= since {
			months = append(months, m)
		}
	}
	sort.Strings(months)
	var out []eservice.SnapshotTally
	for _, m := range months {
		out = append(out, cp.byMonth[m]...)
	}
	return out, nil
}

func loadTallies(ctx context.Context, s *Store, last tallyCopy) (tallyCopy, error) {
	rows, err := s.query(ctx, `SELECT month, taken_at FROM matrix_snapshots`)
	if err != nil {
		return tallyCopy{}, fmt.Errorf("sqlstore: snapshot months: %w", err)
	}
	taken := map[string]time.Time{}
	for rows.Next() {
		var m string
		var at time.Time
		if err := rows.Scan(&m, &at); err != nil {
			rows.Close()
			return tallyCopy{}, err
		}
		taken[m] = at
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return tallyCopy{}, err
	}
	cp := tallyCopy{takenAt: taken, byMonth: make(map[string][]eservice.SnapshotTally, len(taken))}
	for m, at := range taken {
		if old, ok := last.takenAt[m]; ok && old.Equal(at) {
			cp.byMonth[m] = last.byMonth[m]
			continue
		}
		if cp.byMonth[m], err = countMonth(ctx, s, m); err != nil {
			return tallyCopy{}, err
		}
	}
	return cp, nil
}

// countMonth reads one month's tallies, counted when the month was taken.
func countMonth(ctx context.Context, s *Store, month string) ([]eservice.SnapshotTally, error) {
	rows, err := s.query(ctx, `SELECT service_code, online, not_applicable
		FROM snapshot_tallies WHERE month = ? ORDER BY service_code`, month)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: snapshot tallies: %w", err)
	}
	defer rows.Close()
	out := []eservice.SnapshotTally{}
	for rows.Next() {
		t := eservice.SnapshotTally{Month: month}
		if err := rows.Scan(&t.ServiceCode, &t.Online, &t.NotApplicable); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
