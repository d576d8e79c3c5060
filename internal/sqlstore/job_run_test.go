package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/jobs"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// A job's start names the run count it saw: of two starts that saw the same record only
// the first gets through, for the first run as for later ones. The end keeps the start of
// the last successful run, which a failed run leaves as it was.
func TestJobRuns(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		at := time.Date(2026, 12, 7, 9, 0, 0, 123456000, time.UTC)
		for i, c := range []struct {
			seen int64
			want bool
		}{{0, true}, {0, false}, {1, true}, {1, false}, {5, false}} {
			started, err := s.StartJob(ctx, "digest", c.seen, at, jobs.Lease{Owner: "a", Until: at.Add(time.Minute)})
			if err != nil || started != c.want {
				t.Errorf("start %d (seen %d): %t, %v; want %t", i, c.seen, started, err, c.want)
			}
		}
		if err := s.FinishJob(ctx, "digest", "a", at, at.Add(time.Second), ""); err != nil {
			t.Fatal(err)
		}
		later := at.Add(time.Hour)
		if started, err := s.StartJob(ctx, "digest", 2, later, jobs.Lease{Owner: "b", Until: later.Add(time.Minute)}); err != nil || !started {
			t.Fatalf("third start: %t, %v", started, err)
		}
		if err := s.FinishJob(ctx, "digest", "b", later, later.Add(time.Minute), "mail server down"); err != nil {
			t.Fatal(err)
		}
		recs, err := s.JobRuns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		r := recs["digest"]
		if len(recs) != 1 || r.Name != "digest" || r.Runs != 3 || !r.Started.Equal(later) || !r.Finished.Equal(later.Add(time.Minute)) ||
			!r.Succeeded.Equal(at) || r.Err != "mail server down" || r.Lease.Owner != "b" || !r.Lease.Until.Equal(later.Add(time.Minute)) {
			t.Errorf("records %+v", recs)
		}
	})
}
