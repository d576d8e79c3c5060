package digest

import (
	"testing"
	"time"

	"kovit/internal/kovit"
)

func TestDue(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, kovit.Estonia)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		now, last string
		due       bool
	}{
		{"2026-11-30 06:59", "2026-W48", false}, // Monday, too early
		{"2026-11-30 07:00", "2026-W48", true},  // Monday morning of week 49
		{"2026-11-30 07:00", "2026-W49", false}, // already sent
		{"2026-12-02 15:00", "2026-W48", true},  // the server was down on Monday
		{"2026-11-25 09:00", "", true},          // never sent: the first week catches up
		{"2027-01-04 08:00", "2026-W53", true},  // 2026 has 53 ISO weeks
	} {
		if got := Due(at(c.now), c.last); got != c.due {
			t.Errorf("Due(%s, %q) = %t, want %t (week %s)", c.now, c.last, got, c.due, Week(at(c.now)))
		}
	}
	// Weeks turn at midnight in Tallinn (UTC+2 in winter), not in UTC.
	if w := Week(time.Date(2026, 11, 29, 21, 30, 0, 0, time.UTC)); w != "2026-W48" {
		t.Errorf("week %s", w)
	}
	if w := Week(time.Date(2026, 11, 29, 22, 30, 0, 0, time.UTC)); w != "2026-W49" {
		t.Errorf("week of Monday 00:30 in Tallinn: %s", w)
	}
}
