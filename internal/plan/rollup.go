package plan

import (
	"sync"
	"time"
)

// Tree is a strategy with everything under it, as the store loads it at once: pages,
// reports and the roll-up all work from this flat form.
type Tree struct {
	Strategy     Strategy      `json:"strategy"`
	Nodes        []Node        `json:"nodes"` // by parent, then position
	Participants []Participant `json:"participants"`
	Tasks        []Task        `json:"tasks"`
	Indicators   []Indicator   `json:"indicators"`
	// LastUpdates is when each activity's latest progress update was posted or edited. The
	// tree carries only this time rather than the updates, which are long texts no roll-up
	// reads; posting does not touch the activity itself, so the activity's version stays
	// and an editor saving its form meanwhile meets no false conflict.
	LastUpdates map[int64]time.Time `json:"last_updates,omitempty"`

	// index holds what Shared worked out once for a tree many readers use.
	index *treeIndex
}

type treeIndex struct {
	children map[int64][]Node
	progress map[int64]float64
	turnouts map[int64]Turnout
	// public is the tree as the public sees it, made on first use (Public).
	publicOnce sync.Once
	public     Tree
}

// Shared returns t with its children, roll-up and turnouts worked out once, for a tree that is kept
// in memory and read by many: Children, Rollup and Turnouts then answer from the index. The tree,
// and what those two return, must not be changed by any reader.
func (t Tree) Shared() Tree {
	t.index = nil
	t.index = &treeIndex{children: t.Children(), progress: Rollup(t), turnouts: Turnouts(t)}
	return t
}

// WithEdits returns t with each of nodes in place of the node of the same id (nodes not in
// t are left out; an edit in place keeps a node's parent and position) and, unless parts
// is nil, parts in place of its participants. A Shared tree stays shared, indexed anew
// once, and keeps its children when no node changed.
func (t Tree) WithEdits(nodes []Node, parts []Participant) Tree {
	if len(nodes) > 0 {
		byID := make(map[int64]Node, len(nodes))
		for _, n := range nodes {
			byID[n.ID] = n
		}
		out := make([]Node, len(t.Nodes))
		for i, n := range t.Nodes {
			if e, ok := byID[n.ID]; ok {
				n = e
			}
			out[i] = n
		}
		t.Nodes = out
	}
	if parts != nil {
		t.Participants = parts
	}
	if t.index == nil {
		return t
	}
	children := t.index.children
	t.index = nil
	if len(nodes) > 0 {
		children = t.Children()
	}
	t.index = &treeIndex{children: children, progress: Rollup(t), turnouts: Turnouts(t)}
	return t
}

// Public returns the tree as the public may see it: without internal notes. Whether the
// public may see the strategy at all is the caller's question (Strategy.Status.Public). A
// Shared tree makes its public form once and hands out that, shared as well.
func (t Tree) Public() Tree {
	if t.index == nil {
		return t.public()
	}
	x := t.index
	x.publicOnce.Do(func() {
		p := t.public()
		// Notes count towards no progress, so the roll-up and turnouts stand.
		p.index = &treeIndex{children: p.Children(), progress: x.progress, turnouts: x.turnouts}
		p.index.publicOnce.Do(func() {}) // already public
		p.index.public = p
		x.public = p
	})
	return x.public
}

func (t Tree) public() Tree {
	nodes := make([]Node, len(t.Nodes))
	for i, n := range t.Nodes {
		nodes[i] = n.Public()
	}
	t.Nodes = nodes
	t.index = nil
	return t
}

// Children lists the nodes under each node id, in the tree's order; key StrategyKey holds
// the top-level nodes. The map is the caller's to read, not to change.
func (t Tree) Children() map[int64][]Node {
	if t.index != nil && t.index.children != nil {
		return t.index.children
	}
	out := map[int64][]Node{}
	for _, n := range t.Nodes {
		p := StrategyKey
		if n.ParentID != nil {
			p = *n.ParentID
		}
		out[p] = append(out[p], n)
	}
	return out
}

// StrategyKey is Rollup's key for the progress of the strategy as a whole.
const StrategyKey int64 = 0

// Rollup computes the progress, from 0 to 1, of every node and of the strategy as a whole
// (key StrategyKey) in time proportional to the number of nodes and participants:
//   - an activity with participants is the mean over its participants, each counting 1 when
//     its status is done and its completion otherwise: every municipality's part weighs the same;
//   - any other node with children is the mean of its children weighted by their Weight;
//   - an activity without either is its own completion, or 1 when its status is done.
//
// Cancelled activities and participants are left out of their parent's mean, but an
// activity's own entry is still computed. A node with nothing to measure (a goal without
// activities, an activity whose every participant cancelled) has no entry and is left out
// of its parent's mean, so an empty branch does not read as "0 % done".
//
// The map is the caller's to read, not to change: a Shared tree hands out its own.
func Rollup(t Tree) map[int64]float64 {
	if t.index != nil {
		return t.index.progress
	}
	nodes := t.Nodes
	n := len(nodes)
	statuses := make(map[string]Status, len(t.Strategy.Statuses))
	for _, s := range t.Strategy.Statuses {
		statuses[s.Key] = s
	}
	at := make(map[int64]int, n)
	for i, nd := range nodes {
		at[nd.ID] = i
	}
	parent := make([]int, n) // index of the parent, -1 for the strategy
	for i, nd := range nodes {
		parent[i] = -1
		if nd.ParentID != nil {
			if j, ok := at[*nd.ParentID]; ok && j != i {
				parent[i] = j
			}
		}
	}

	// Participants first: each activity's sum and count of counted parts.
	partSum := make([]float64, n)
	partCount := make([]int, n)
	joint := make([]bool, n)
	for _, p := range t.Participants {
		i, ok := at[p.ActivityID]
		if !ok {
			continue
		}
		joint[i] = true
		st := statuses[p.Status]
		if st.Cancelled {
			continue
		}
		partSum[i] += progressOf(st, p.Completion)
		partCount[i]++
	}

	// Children before parents: deepest first, with depths found by one memoised walk.
	order := byDepth(parent)
	weightSum := make([]float64, n)
	weighted := make([]float64, n)
	var rootWeight, rootWeighted float64
	out := make(map[int64]float64, n+1)
	for _, i := range order {
		nd := nodes[i]
		st := statuses[nd.Status]
		var p float64
		switch {
		case partCount[i] > 0:
			p = partSum[i] / float64(partCount[i])
		case joint[i]:
			continue // every part cancelled: nothing to measure
		case weightSum[i] > 0:
			p = weighted[i] / weightSum[i]
		case nd.Kind == Activity:
			p = progressOf(st, nd.Completion)
		default:
			continue
		}
		out[nd.ID] = p
		if nd.Kind == Activity && st.Cancelled {
			continue
		}
		w := nd.Weight
		if w <= 0 {
			w = 1
		}
		if j := parent[i]; j >= 0 {
			weightSum[j] += w
			weighted[j] += w * p
		} else {
			rootWeight += w
			rootWeighted += w * p
		}
	}
	if rootWeight > 0 {
		out[StrategyKey] = rootWeighted / rootWeight
	}
	return out
}

func progressOf(st Status, completion int) float64 {
	if st.Done {
		return 1
	}
	return float64(min(max(completion, 0), 100)) / 100
}

// byDepth returns the node indices deepest first. Depths are memoised so each link is
// walked once; a cycle in bad data is cut rather than looped on forever.
func byDepth(parent []int) []int {
	n := len(parent)
	depth := make([]int, n)
	for i := range depth {
		depth[i] = -1
	}
	var path []int
	maxDepth := 0
	for i := range parent {
		path = path[:0]
		j := i
		for j >= 0 && depth[j] == -1 {
			depth[j] = -2 // on the current path
			path = append(path, j)
			j = parent[j]
		}
		// j is now the top (-1), a node of known depth, or on the path (a cycle, cut here).
		base := 0
		if j >= 0 && depth[j] >= 0 {
			base = depth[j] + 1
		}
		for k := len(path) - 1; k >= 0; k-- {
			depth[path[k]] = base
			maxDepth = max(maxDepth, base)
			base++
		}
	}
	// Counting sort by depth, deepest first.
	start := make([]int, maxDepth+2)
	for _, d := range depth {
		start[maxDepth-d+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	order := make([]int, n)
	for i, d := range depth {
		order[start[maxDepth-d]] = i
		start[maxDepth-d]++
	}
	return order
}
