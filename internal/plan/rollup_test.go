package plan

import (
	"fmt"
	"math"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func ref(id int64) *int64 { return &id }

// nd makes a node; parent 0 means the top.
func nd(id, parent int64, kind Kind, weight float64, status string, completion int) Node {
	n := Node{ID: id, Kind: kind, Weight: weight, Status: status, Completion: completion}
	if parent != 0 {
		n.ParentID = ref(parent)
	}
	return n
}

func part(activity int64, ehak, status string, completion int) Participant {
	return Participant{ActivityID: activity, MunicipalityEHAK: ehak, Status: status, Completion: completion}
}

func TestRollup(t *testing.T) {
	st := Strategy{Statuses: DefaultStatuses()}
	tests := []struct {
		name  string
		nodes []Node
		parts []Participant
		want  map[int64]float64
	}{
		{
			name:  "joint activity with three municipalities, one done, reads a third at every level",
			nodes: []Node{nd(1, 0, Direction, 1, "", 0), nd(2, 1, Activity, 1, InProgress, 0)},
			parts: []Participant{part(2, "0793", Done, 100), part(2, "0784", NotStarted, 0), part(2, "0296", InProgress, 0)},
			want:  map[int64]float64{0: 1.0 / 3, 1: 1.0 / 3, 2: 1.0 / 3},
		},
		{
			name:  "children weigh by their weight",
			nodes: []Node{nd(1, 0, Direction, 1, "", 0), nd(2, 1, Activity, 1, InProgress, 100), nd(3, 1, Activity, 3, InProgress, 0)},
			want:  map[int64]float64{0: 0.25, 1: 0.25, 2: 1, 3: 0},
		},
		{
			name:  "a done status counts as complete whatever completion says",
			nodes: []Node{nd(1, 0, Activity, 1, Done, 20)},
			want:  map[int64]float64{0: 1, 1: 1},
		},
		{
			name:  "a cancelled child is left out but keeps its own entry",
			nodes: []Node{nd(1, 0, Goal, 1, "", 0), nd(2, 1, Activity, 1, InProgress, 50), nd(3, 1, Activity, 5, Cancelled, 10)},
			want:  map[int64]float64{0: 0.5, 1: 0.5, 2: 0.5, 3: 0.1},
		},
		{
			name:  "a cancelled participant is left out of the mean",
			nodes: []Node{nd(1, 0, Activity, 1, InProgress, 0)},
			parts: []Participant{part(1, "0793", Done, 0), part(1, "0784", Cancelled, 0), part(1, "0296", InProgress, 0)},
			want:  map[int64]float64{0: 0.5, 1: 0.5},
		},
		{
			name:  "participants decide a joint activity's progress, not its own completion",
			nodes: []Node{nd(1, 0, Activity, 1, Done, 100)},
			parts: []Participant{part(1, "0793", InProgress, 40), part(1, "0784", InProgress, 60)},
			want:  map[int64]float64{0: 0.5, 1: 0.5},
		},
		{
			name: "a branch with nothing to measure is left out, not read as zero",
			nodes: []Node{nd(1, 0, Goal, 1, "", 0), nd(2, 1, Activity, 1, InProgress, 80),
				nd(3, 0, Goal, 1, "", 0), nd(4, 0, Goal, 1, "", 0), nd(5, 4, Activity, 1, InProgress, 0)},
			parts: []Participant{part(5, "0793", Cancelled, 0)},
			want:  map[int64]float64{0: 0.8, 1: 0.8, 2: 0.8},
		},
		{
			name: "four levels with weights on the middle level",
			nodes: []Node{nd(1, 0, Goal, 2, "", 0), nd(2, 1, Direction, 1, "", 0), nd(3, 1, Direction, 3, "", 0),
				nd(4, 2, Activity, 1, Done, 0), nd(5, 3, Activity, 1, InProgress, 20), nd(6, 3, Activity, 1, InProgress, 60),
				nd(7, 0, Goal, 1, "", 0), nd(8, 7, Activity, 1, NotStarted, 0)},
			want: map[int64]float64{4: 1, 5: 0.2, 6: 0.6, 2: 1, 3: 0.4, 1: 0.55, 8: 0, 7: 0, 0: 1.1 / 3},
		},
		{
			name:  "an unknown parent puts the node at the top; a missing weight counts as 1",
			nodes: []Node{nd(1, 99, Activity, 0, InProgress, 30), nd(2, 0, Activity, 1, InProgress, 70)},
			want:  map[int64]float64{0: 0.5, 1: 0.3, 2: 0.7},
		},
		{
			name:  "a cycle in bad data ends",
			nodes: []Node{nd(1, 2, Direction, 1, "", 0), nd(2, 1, Direction, 1, "", 0), nd(3, 2, Activity, 1, InProgress, 40)},
			want:  map[int64]float64{2: 0.4, 3: 0.4},
		},
		{
			name: "an empty strategy has no progress",
			want: map[int64]float64{},
		},
	}
	for _, tt := range tests {
		got := Rollup(Tree{Strategy: st, Nodes: tt.nodes, Participants: tt.parts})
		if diff := cmp.Diff(tt.want, got, cmpopts.EquateApprox(0, 1e-9)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

// benchTree is the size: 1,000 activities under 5 goals × 4 action directions, 20
// of them joint with all 79 municipalities.
func benchTree() Tree {
	tr := Tree{Strategy: Strategy{Statuses: DefaultStatuses()}}
	id := int64(0)
	add := func(parent int64, k Kind, status string, completion int) int64 {
		id++
		tr.Nodes = append(tr.Nodes, nd(id, parent, k, float64(1+id%3), status, completion))
		return id
	}
	statuses := []string{NotStarted, InProgress, Delayed, Done, Cancelled}
	activities := 0
	for g := 0; g < 5; g++ {
		goal := add(0, Goal, "", 0)
		for d := 0; d < 4; d++ {
			dir := add(goal, Direction, "", 0)
			for a := 0; a < 50; a++ {
				act := add(dir, Activity, statuses[activities%5], activities%101)
				if activities%50 == 0 {
					for m := 0; m < 79; m++ {
						tr.Participants = append(tr.Participants, part(act, fmt.Sprintf("%04d", m), statuses[m%5], m))
					}
				}
				activities++
			}
		}
	}
	return tr
}

func BenchmarkRollup(b *testing.B) {
	tr := benchTree()
	if len(tr.Participants) != 20*79 {
		b.Fatalf("%d participants", len(tr.Participants))
	}
	b.ReportAllocs()
	for b.Loop() {
		if r := Rollup(tr); len(r) != 1026 {
			b.Fatalf("%d entries", len(r))
		}
	}
}

// A shared tree answers Children and Rollup from its index, and its public copy, made once,
// keeps the roll-up but not the notes.
func TestSharedTree(t *testing.T) {
	one := int64(1)
	tree := Tree{Strategy: Strategy{}.WithDefaults(), Nodes: []Node{
		{ID: 1, Kind: Direction, Weight: 1},
		{ID: 2, ParentID: &one, Kind: Activity, Weight: 1, Status: InProgress, Completion: 40, InternalNote: "salajane"},
	}}
	shared := tree.Shared()
	if !reflect.DeepEqual(Rollup(shared), Rollup(tree)) || !reflect.DeepEqual(shared.Children(), tree.Children()) {
		t.Fatalf("shared %v %v, fresh %v %v", Rollup(shared), shared.Children(), Rollup(tree), tree.Children())
	}
	public := shared.Public()
	if note := public.Children()[1][0].InternalNote; note != "" {
		t.Errorf("public children keep the note %q", note)
	}
	if Rollup(public)[1] != 0.4 {
		t.Errorf("public roll-up %v", Rollup(public))
	}
	// The public copy is made once and shared; the shared tree keeps its note.
	if again := shared.Public(); &again.Nodes[0] != &public.Nodes[0] || &public.Public().Nodes[0] != &public.Nodes[0] {
		t.Error("the public copy was made again")
	}
	if shared.Nodes[1].InternalNote != "salajane" || shared.Children()[1][0].InternalNote != "salajane" {
		t.Error("the shared tree lost its note")
	}
}

func TestWithEditedParticipants(t *testing.T) {
	tree := Tree{Strategy: Strategy{}.WithDefaults(), Nodes: []Node{{ID: 1, Kind: Activity, Weight: 1}},
		Participants: []Participant{{ActivityID: 1, MunicipalityEHAK: "0793", Status: NotStarted}}}
	shared := tree.Shared()
	done := shared.WithEdits(nil, []Participant{{ActivityID: 1, MunicipalityEHAK: "0793", Status: Done, Completion: 100}})
	if Rollup(done)[1] != 1 || Turnouts(done)[1].Done != 1 || len(done.Children()[StrategyKey]) != 1 {
		t.Errorf("after the part is done: %v %v %v", Rollup(done), Turnouts(done), done.Children())
	}
	if Rollup(shared)[1] != 0 {
		t.Errorf("the original changed: %v", Rollup(shared))
	}
}

func TestWithEditedNodes(t *testing.T) {
	one := int64(1)
	tree := Tree{Strategy: Strategy{}.WithDefaults(), Nodes: []Node{
		{ID: 1, Kind: Goal, Weight: 1, Code: "1"},
		{ID: 2, ParentID: &one, Kind: Activity, Weight: 1, Code: "1.1", Status: InProgress, Completion: 20},
		{ID: 3, ParentID: &one, Kind: Activity, Weight: 1, Code: "1.2", Status: InProgress, Completion: 40},
	}}
	shared := tree.Shared()
	edited := shared.WithEdits([]Node{
		{ID: 3, ParentID: &one, Kind: Activity, Weight: 1, Code: "1.2", Status: Done, Completion: 100},
		{ID: 99, Kind: Activity, Weight: 1, Code: "9"}, // of another tree: left out
	}, nil)
	if got := Rollup(edited)[1]; math.Abs(got-0.6) > 1e-9 {
		t.Errorf("goal after the edit: %v, want 0.6", got)
	}
	if kids := edited.Children()[1]; len(kids) != 2 || kids[1].Status != Done || len(edited.Nodes) != 3 {
		t.Errorf("children after the edit: %+v", kids)
	}
	if got := Rollup(shared)[1]; math.Abs(got-0.3) > 1e-9 || shared.Nodes[2].Status != InProgress {
		t.Errorf("the original changed: %v %+v", got, shared.Nodes[2])
	}
}
