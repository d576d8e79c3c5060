package plan

import (
	"reflect"
	"testing"
	"time"
)

// TestCollectAttentionEach: the filters asked together get exactly what each gets on its
// own, whichever trees each reads (a strategy, another municipality's draft plan).
func TestCollectAttentionEach(t *testing.T) {
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	old := now.AddDate(0, 0, -100)
	act := func(id int64, contacts ...int64) Node {
		return Node{ID: id, Kind: Activity, Code: "A", Status: InProgress, UpdatedAt: old, ContactIDs: contacts}
	}
	strategy := func(id int64, status StrategyStatus) Strategy {
		return Strategy{ID: id, Status: status, Statuses: DefaultStatuses(), StaleAfterDays: 90}
	}
	assignee := int64(7)
	sources := []AttentionSource{
		{Tree: Tree{Strategy: strategy(1, Adopted), Nodes: []Node{act(11, 5), act(12)},
			Participants: []Participant{{ActivityID: 11, MunicipalityEHAK: "0793", Status: InProgress, Due: date("2026-11-01"), UpdatedAt: old}},
			Tasks: []Task{{ID: 1, ActivityID: 11, TitleEt: "Ülesanne", State: TaskNotStarted, Due: date("2026-11-20"), UpdatedAt: old,
				AssigneeID: &assignee}}}},
		{Tree: Tree{Strategy: strategy(2, Draft), Nodes: []Node{act(21)}}, OwnerEHAK: "0793"},
		{Tree: Tree{Strategy: strategy(3, Archived), Nodes: []Node{act(31, 5)}}, OwnerEHAK: "0793"},
	}
	fs := []AttentionFilter{{}, {EditorOf: []string{"0784"}}, {AssigneeID: 7, EditorOf: []string{"0784"}}, {StrategyID: 2},
		{Municipality: "0793", ContactID: 5, AssigneeID: 7, EditorOf: []string{"0793"}}, {AssigneeID: 8}}
	got := CollectAttentionEach(sources, fs, now)
	if len(got) != len(fs) {
		t.Fatalf("%d lists for %d filters", len(got), len(fs))
	}
	for i, f := range fs {
		if want := CollectAttention(sources, f, now); !reflect.DeepEqual(got[i], want) {
			t.Errorf("filter %+v: together %+v, alone %+v", f, got[i], want)
		}
	}
	if len(got[0]) != 5 || len(got[1]) != 4 || len(got[2]) != 1 || len(got[5]) != 0 {
		t.Errorf("%d, %d, %d, %d items, want 5 (all), 4 (not Tartu's draft), 1 (the task), 0", len(got[0]), len(got[1]), len(got[2]), len(got[5]))
	}
}
