package plan

import (
	"math"
	"testing"
	"time"
)

func TestCurrent(t *testing.T) {
	today := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	owner := int64(7)
	s := func(id int64, status StrategyStatus, from, to int) Strategy {
		return Strategy{ID: id, Status: status, StartYear: from, EndYear: to}
	}
	own := s(9, Adopted, 2026, 2030)
	own.OwnerID = &owner
	tests := []struct {
		name string
		in   []Strategy
		want int64 // 0: none
	}{
		{"none", nil, 0},
		{"only drafts and archived", []Strategy{s(1, Draft, 2026, 2030), s(2, Archived, 2020, 2027)}, 0},
		{"years include today", []Strategy{s(1, Adopted, 2030, 2035), s(2, Adopted, 2025, 2028), s(3, Adopted, 2020, 2024)}, 2},
		{"else the latest", []Strategy{s(1, Adopted, 2018, 2020), s(2, Adopted, 2021, 2024), s(3, Draft, 2026, 2030)}, 2},
		{"a later one that has not begun loses to today's", []Strategy{s(1, Adopted, 2028, 2032), s(2, Adopted, 2027, 2027)}, 2},
		{"a municipality's own plan is not the association's", []Strategy{own, s(2, Adopted, 2015, 2020)}, 2},
	}
	for _, tt := range tests {
		got, ok := Current(tt.in, today)
		if (tt.want == 0) == ok || (ok && got.ID != tt.want) {
			t.Errorf("%s: got %d %v, want %d", tt.name, got.ID, ok, tt.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	now := time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC)
	fresh := now.AddDate(0, 0, -1)
	goal := func(id int64) Node { return Node{ID: id, Kind: Goal, Weight: 1} }
	act := func(id, parent int64, status string, completion int, end *time.Time, updated time.Time) Node {
		return Node{ID: id, ParentID: &parent, Kind: Activity, Status: status, Completion: completion, End: end, Weight: 1, UpdatedAt: updated}
	}
	tree := Tree{Strategy: Strategy{Statuses: DefaultStatuses(), StaleAfterDays: 90}, Nodes: []Node{
		goal(1), goal(2), goal(3),
		act(10, 1, Done, 100, nil, fresh),
		act(11, 1, InProgress, 50, nil, fresh),                   // on track
		act(12, 1, InProgress, 0, date("2027-02-27"), fresh),     // past its end: late
		act(13, 2, InProgress, 20, nil, now.AddDate(0, 0, -100)), // stale: late
		act(14, 2, Cancelled, 0, date("2020-01-01"), fresh),      // counts in none
		act(15, 2, Delayed, 10, nil, fresh),                      // a status alone is not late
	}}
	got := Summarize(tree, now)
	if got.Done != 1 || got.OnTrack != 2 || got.Late != 2 {
		t.Errorf("done %d, on track %d, late %d; want 1, 2, 2", got.Done, got.OnTrack, got.Late)
	}
	if len(got.Goals) != 3 {
		t.Fatalf("goals %+v", got.Goals)
	}
	if g := got.Goals[0]; !g.Known || g.Progress != 0.5 {
		t.Errorf("goal 1: %+v, want 50 %%", g)
	}
	if g := got.Goals[1]; !g.Known || math.Abs(g.Progress-0.15) > 1e-9 {
		t.Errorf("goal 2: %+v, want 15 %% (the cancelled activity left out)", g)
	}
	if got.Goals[2].Known {
		t.Errorf("goal 3 has nothing to measure: %+v", got.Goals[2])
	}
}
