package need

import (
	"strings"
	"testing"
)

func TestDaysLeft(t *testing.T) {
	for _, c := range []struct {
		deadline, today string
		want            int
		ok              bool
	}{
		{"2026-12-08", "2026-12-01", 7, true},
		{"2026-12-08", "2026-12-07", 1, true},
		{"2026-12-08", "2026-12-09", -1, true},
		{"2026-03-30", "2026-03-29", 1, true}, // across the spring clock change
		{"bad", "2026-12-01", 0, false},
	} {
		got, ok := DaysLeft(c.deadline, c.today)
		if got != c.want || ok != c.ok {
			t.Errorf("DaysLeft(%s, %s) = %d, %v; want %d, %v", c.deadline, c.today, got, ok, c.want, c.ok)
		}
	}
}

func TestReminderText(t *testing.T) {
	subject, text := ReminderText(Round{ID: 4, Title: "IT vajadused 2027", Deadline: "2026-12-08"}, "https://kovit.ee")
	for _, want := range []string{"IT vajadused 2027", "08.12.2026", "8 December 2026"} {
		if !strings.Contains(subject, want) {
			t.Errorf("subject %q lacks %q", subject, want)
		}
	}
	et, en, ok := strings.Cut(text, "---")
	if !ok || !strings.Contains(et, "tähtaeg on 08.12.2026") || !strings.Contains(en, "deadline of the collection round \"IT vajadused 2027\" is 8 December 2026") {
		t.Errorf("text is not Estonian then English with the round and deadline:\n%s", text)
	}
	if strings.Count(text, "https://kovit.ee/needs/new?round=4") != 2 {
		t.Errorf("text lacks the link in both languages:\n%s", text)
	}
}
