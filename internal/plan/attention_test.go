package plan

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func date(s string) *time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return &d
}

func TestIsOverdue(t *testing.T) {
	tallinn := time.FixedZone("EET", 2*3600)
	tests := []struct {
		due  *time.Time
		now  time.Time
		want bool
	}{
		{nil, time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), false},
		{date("2026-11-24"), time.Date(2026, 11, 24, 23, 59, 0, 0, time.UTC), false}, // due today is not late
		{date("2026-11-24"), time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), true},
		// 23:30 UTC on the 24th is already the 25th in Tallinn.
		{date("2026-11-24"), time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC).In(tallinn), true},
	}
	for i, tt := range tests {
		if got := IsOverdue(tt.due, tt.now); got != tt.want {
			t.Errorf("%d: IsOverdue(%v, %v) = %v", i, tt.due, tt.now, got)
		}
	}
}

func TestIsStale(t *testing.T) {
	last := time.Date(2026, 8, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		now  time.Time
		days int
		want bool
	}{
		{last.AddDate(0, 0, 30), 30, false}, // exactly N days: not yet
		{last.AddDate(0, 0, 30).Add(time.Minute), 30, true},
		{last.AddDate(0, 0, 89), 90, false},
	}
	for i, tt := range tests {
		if got := IsStale(last, tt.days, tt.now); got != tt.want {
			t.Errorf("%d: got %v", i, got)
		}
	}
}

func TestNeedsAttention(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	old := now.AddDate(0, 0, -40)
	fresh := now.AddDate(0, 0, -2)
	act := func(id int64, status string, updated time.Time) Node {
		n := nd(id, 0, Activity, 1, status, 0)
		n.UpdatedAt = updated
		return n
	}
	tr := Tree{
		Strategy: Strategy{Statuses: DefaultStatuses(), StaleAfterDays: 30},
		Nodes: []Node{
			nd(9, 0, Goal, 1, "", 0),  // goals are never stale
			act(1, InProgress, old),   // stale
			act(2, Done, old),         // done: not stale
			act(3, InProgress, old),   // a participant reported lately: fresh
			act(4, Cancelled, old),    // cancelled: nothing under it counts
			act(5, InProgress, fresh), // fresh, but has an overdue task
			act(6, NotStarted, old),   // a task changed lately: fresh
			act(7, InProgress, old),   // a progress update posted lately: fresh
			act(8, InProgress, old),   // its only update is old too: stale
		},
		LastUpdates: map[int64]time.Time{7: fresh, 8: old.AddDate(0, 0, -1)},
		Participants: []Participant{
			{ActivityID: 3, MunicipalityEHAK: "0793", Status: InProgress, Due: date("2026-11-01"), UpdatedAt: fresh},
			{ActivityID: 3, MunicipalityEHAK: "0784", Status: Done, Due: date("2026-11-01"), UpdatedAt: old},
			{ActivityID: 3, MunicipalityEHAK: "0296", Status: InProgress, Due: date("2026-12-01"), UpdatedAt: old},
			{ActivityID: 4, MunicipalityEHAK: "0793", Status: InProgress, Due: date("2026-01-01"), UpdatedAt: old},
		},
		Tasks: []Task{
			{ID: 1, ActivityID: 5, State: TaskInProgress, Due: date("2026-11-20"), UpdatedAt: fresh},
			{ID: 2, ActivityID: 5, State: TaskDone, Due: date("2026-11-20"), UpdatedAt: fresh},
			{ID: 3, ActivityID: 5, State: TaskCancelled, Due: date("2026-11-20"), UpdatedAt: fresh},
			{ID: 4, ActivityID: 6, State: TaskNotStarted, Due: date("2026-11-10"), UpdatedAt: fresh},
			{ID: 5, ActivityID: 4, State: TaskNotStarted, Due: date("2026-11-10"), UpdatedAt: old},
		},
	}
	want := []Attention{
		{Kind: OverdueParticipant, ActivityID: 3, MunicipalityEHAK: "0793", Since: *date("2026-11-01"), Days: 24},
		{Kind: OverdueTask, ActivityID: 6, TaskID: 4, Since: *date("2026-11-10"), Days: 15},
		{Kind: OverdueTask, ActivityID: 5, TaskID: 1, Since: *date("2026-11-20"), Days: 5},
		{Kind: StaleActivity, ActivityID: 1, Since: old, Days: 40},
		{Kind: StaleActivity, ActivityID: 8, Since: old, Days: 40},
	}
	if diff := cmp.Diff(want, NeedsAttention(tr, now)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
