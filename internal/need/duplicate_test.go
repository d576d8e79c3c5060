package need

import (
	"slices"
	"testing"
)

func TestDuplicateChain(t *testing.T) {
	dup := func(id, of int64) Need { return Need{ID: id, State: Duplicate, DuplicateOf: &of} }
	tests := []struct {
		name  string
		needs []Need
		start int64
		want  []int64
	}{
		{"not a duplicate", []Need{{ID: 1, State: Accepted}}, 1, nil},
		{"one step", []Need{dup(1, 2), {ID: 2, State: Accepted}}, 1, []int64{2}},
		{"a duplicate of a duplicate", []Need{dup(1, 2), dup(2, 3), {ID: 3, State: Funded}}, 1, []int64{2, 3}},
		{"a need that is gone", []Need{dup(1, 2), dup(2, 9)}, 1, []int64{2}},
		{"each the other's duplicate", []Need{dup(1, 2), dup(2, 1)}, 1, []int64{2}},
		{"a loop further on", []Need{dup(1, 2), dup(2, 3), dup(3, 2)}, 1, []int64{2, 3}},
		// A need sent back to review keeps no duplicate link, but a stale one is ignored.
		{"no longer a duplicate", []Need{{ID: 1, State: UnderReview, DuplicateOf: id(2)}, {ID: 2}}, 1, nil},
	}
	for _, tt := range tests {
		byID := map[int64]Need{}
		for _, n := range tt.needs {
			byID[n.ID] = n
		}
		chain := DuplicateChain(byID[tt.start], func(id int64) (Need, bool) { n, ok := byID[id]; return n, ok })
		var got []int64
		for _, n := range chain {
			got = append(got, n.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// A long chain is cut.
	byID := map[int64]Need{}
	for i := int64(1); i <= 100; i++ {
		byID[i] = dup(i, i+1)
	}
	if got := DuplicateChain(byID[1], func(id int64) (Need, bool) { n, ok := byID[id]; return n, ok }); len(got) != maxChain {
		t.Errorf("long chain: %d needs", len(got))
	}
}
