package jobs_test

import (
	"testing"
	"time"

	"kovit/internal/jobs"
	"kovit/internal/kovit"
)

// The digest job is due from Monday 07:00 in Tallinn in a week it has not yet succeeded in.
func TestWeeklyDigestDue(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, kovit.Estonia)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	due := jobs.WeeklyDigest{}.Job().Due
	for _, c := range []struct {
		now, last string
		due       bool
	}{
		{"2026-11-30 06:59", "2026-11-23 07:01", false}, // Monday, too early
		{"2026-11-30 07:00", "2026-11-23 07:01", true},
		{"2026-12-03 12:00", "2026-11-30 07:00", false}, // sent this week
		{"2026-12-03 12:00", "2026-11-24 09:00", true},  // the server was down on Monday
		{"2026-12-07 07:00", "2026-11-30 07:00", true},
	} {
		if got := due(at(c.now), at(c.last)); got != c.due {
			t.Errorf("due at %s after %s: %t, want %t", c.now, c.last, got, c.due)
		}
	}
	if !due(at("2026-12-02 10:00"), time.Time{}) {
		t.Error("a digest never sent is not due")
	}
}
