package jobs_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"kovit/internal/jobs"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The monthly snapshot lands at the first tick after a month's end and once only; a server
// that was down then catches up when it comes back.
func TestSnapshotJob(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			ctx := context.Background()
			s := sqlstoretest.New(t, e)
			c := &clock{}
			r := &jobs.Runner{Store: s, Jobs: []jobs.Job{jobs.Snapshot(s)}, Log: quiet, Now: c.now}
			months := func() []string {
				t.Helper()
				m, err := s.SnapshotMonths(ctx)
				if err != nil {
					t.Fatal(err)
				}
				return m
			}
			for _, step := range []struct {
				at   time.Time
				want []string
			}{
				{time.Date(2026, 11, 30, 23, 55, 0, 0, time.UTC), []string{"2026-10"}}, // the first start catches up on October
				{time.Date(2026, 12, 1, 0, 1, 0, 0, time.UTC), []string{"2026-10", "2026-11"}},
				{time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC), []string{"2026-10", "2026-11"}},
				{time.Date(2027, 1, 9, 12, 0, 0, 0, time.UTC), []string{"2026-10", "2026-11", "2026-12"}}, // down over New Year
			} {
				c.t = step.at
				r.RunDue(ctx)
				if got := months(); !slices.Equal(got, step.want) {
					t.Errorf("at %s: snapshots %v, want %v", step.at, got, step.want)
				}
			}
			if rec := record(t, s, "eservice_snapshot"); rec.Runs != 3 {
				t.Errorf("%d runs, want 3 (one a month)", rec.Runs)
			}
		})
	}
}
