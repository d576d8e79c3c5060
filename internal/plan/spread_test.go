package plan

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestSpreadOf(t *testing.T) {
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	day := func(s string) *time.Time { d, _ := time.Parse(time.DateOnly, s); return &d }
	county := map[string]string{"0793": "Tartu maakond", "0171": "Tartu maakond", "0624": "Pärnu maakond", "0618": "Põlva maakond", "0784": "Harju maakond"}
	parts := []Participant{
		{MunicipalityEHAK: "0793", Status: Done, Completion: 100},
		{MunicipalityEHAK: "0171", Status: InProgress, Completion: 60, Due: day("2026-11-01")},
		{MunicipalityEHAK: "0624", Status: InProgress, Completion: 10},
		{MunicipalityEHAK: "0618", Status: Cancelled},
		{MunicipalityEHAK: "0784", Status: NotStarted, Completion: 0, Due: day("2026-11-20")},
	}
	got := SpreadOf(parts, DefaultStatuses(), func(e string) string { return county[e] }, now)
	want := Spread{
		Turnout: Turnout{Taking: 5, Done: 1},
		// Estonian order: õ comes before ä.
		Counties: []CountyTurnout{{"Harju maakond", Turnout{1, 0}}, {"Põlva maakond", Turnout{1, 0}}, {"Pärnu maakond", Turnout{1, 0}}, {"Tartu maakond", Turnout{2, 1}}},
		// Longest overdue first, then the least complete; done and cancelled parts are not behind.
		Laggards: []Participant{parts[1], parts[4], parts[2]},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("spread (-want +got):\n%s", diff)
	}
}
