package survey

import (
	"testing"
	"time"
)

func TestDueStep(t *testing.T) {
	steps := []int{14, 7, 1}
	for _, c := range []struct {
		today string
		step  int
		ok    bool
	}{
		{"2026-11-01", 0, false}, // 30 days ahead
		{"2026-11-16", 0, false}, // 15 days ahead
		{"2026-11-17", 14, true},
		{"2026-11-23", 14, true},
		{"2026-11-24", 7, true},
		{"2026-11-29", 7, true},
		{"2026-11-30", 1, true},
		{"2026-12-01", 1, true}, // the day itself
		{"2026-12-02", 0, false},
	} {
		day, _ := time.Parse(time.DateOnly, c.today)
		step, ok := DueStep("2026-12-01", day.Add(20*time.Hour), steps)
		if step != c.step || ok != c.ok {
			t.Errorf("%s: %d %v, want %d %v", c.today, step, ok, c.step, c.ok)
		}
	}
	if _, ok := DueStep("1.12.2026", time.Now(), steps); ok {
		t.Error("a deadline not a date")
	}
}
