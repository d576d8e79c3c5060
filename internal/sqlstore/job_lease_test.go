package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/jobs"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// Only the run holding a job renews and ends it: once another run has taken the job, the
// first one's renewal says so and its end is not recorded. The log of runs keeps both
// runs, the one that never ended without an end.
func TestJobLease(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		at := time.Date(2026, 12, 7, 9, 0, 0, 123456000, time.UTC)
		if started, err := s.StartJob(ctx, "snapshot", 0, at, jobs.Lease{Owner: "a", Until: at.Add(time.Minute)}); err != nil || !started {
			t.Fatalf("a's start: %t, %v", started, err)
		}
		for _, c := range []struct {
			owner   string
			started time.Time
			want    bool
		}{{"a", at, true}, {"b", at, false}, {"a", at.Add(time.Second), false}} {
			held, err := s.RenewJob(ctx, "snapshot", c.started, jobs.Lease{Owner: c.owner, Until: at.Add(2 * time.Minute)})
			if err != nil || held != c.want {
				t.Errorf("renewal by %s of the run of %v: %t, %v; want %t", c.owner, c.started, held, err, c.want)
			}
		}
		recs, _ := s.JobRuns(ctx)
		if l := recs["snapshot"].Lease; l.Owner != "a" || !l.Until.Equal(at.Add(2*time.Minute)) {
			t.Errorf("lease after a's renewal: %+v", l)
		}

		later := at.Add(3 * time.Minute)
		if started, err := s.StartJob(ctx, "snapshot", 1, later, jobs.Lease{Owner: "b", Until: later.Add(time.Minute)}); err != nil || !started {
			t.Fatalf("b's take-over: %t, %v", started, err)
		}
		if held, err := s.RenewJob(ctx, "snapshot", at, jobs.Lease{Owner: "a", Until: later.Add(time.Hour)}); err != nil || held {
			t.Errorf("a renews a run taken over: %t, %v; want false", held, err)
		}
		if err := s.FinishJob(ctx, "snapshot", "a", at, later.Add(time.Second), ""); err != nil {
			t.Fatal(err)
		}
		if r := mustRecord(t, s, "snapshot"); !r.Succeeded.IsZero() || !r.Finished.IsZero() || r.Lease.Owner != "b" {
			t.Errorf("a's late end was recorded: %+v", r)
		}
		if err := s.FinishJob(ctx, "snapshot", "b", later, later.Add(time.Second), ""); err != nil {
			t.Fatal(err)
		}
		if r := mustRecord(t, s, "snapshot"); !r.Succeeded.Equal(later) || !r.Finished.Equal(later.Add(time.Second)) {
			t.Errorf("b's end: %+v", r)
		}
		log, err := s.JobRunLog(ctx, "snapshot")
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 2 || log[0].Owner != "a" || log[0].Run != 1 || !log[0].Finished.IsZero() ||
			log[1].Owner != "b" || log[1].Run != 2 || !log[1].Started.Equal(later) || !log[1].Finished.Equal(later.Add(time.Second)) || log[1].Err != "" {
			t.Errorf("log of runs: %+v", log)
		}
	})
}

func mustRecord(t *testing.T, s *sqlstore.Store, name string) jobs.Record {
	t.Helper()
	recs, err := s.JobRuns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return recs[name]
}
