package plan

import "math"

// Comparison is what changed between two reports' states, in the later state's reading
// order: what a coordinator reads out at the year's meeting.
type Comparison struct {
	ProgressFrom *float64 `json:"progress_from"` // the strategy as a whole
	ProgressTo   *float64 `json:"progress_to"`
	// StatusChanges are activities whose status changed.
	StatusChanges []StatusChange `json:"status_changes"`
	// ProgressChanges are nodes whose rolled-up progress changed.
	ProgressChanges    []ProgressChange    `json:"progress_changes"`
	ParticipantChanges []ParticipantChange `json:"participant_changes"`
	Added              []NodeState         `json:"added"`   // activities new in the later state
	Closed             []NodeState         `json:"closed"`  // activities that became done or cancelled
	Removed            []NodeState         `json:"removed"` // activities gone from the later state
	IndicatorChanges   []IndicatorChange   `json:"indicator_changes"`
}

// StatusChange is an activity whose status changed; the statuses are keys of each
// state's own list.
type StatusChange struct {
	Node NodeState `json:"node"` // as in the later state
	From string    `json:"from"`
	To   string    `json:"to"`
}

// ProgressChange is a node whose progress changed; nil is "nothing to measure".
type ProgressChange struct {
	Node  NodeState `json:"node"`
	From  *float64  `json:"from"`
	To    *float64  `json:"to"`
	Delta float64   `json:"delta"` // To − From, counting nil as 0
}

// ParticipantChange is a municipality's part that changed, joined or left; From or To is
// nil when the municipality did not take part then.
type ParticipantChange struct {
	Node NodeState         `json:"node"`
	From *ParticipantState `json:"from"`
	To   *ParticipantState `json:"to"`
}

// IndicatorChange is an indicator whose latest national figure changed.
type IndicatorChange struct {
	Indicator IndicatorState `json:"indicator"` // as in the later state
	From      *Point         `json:"from"`
	To        *Point         `json:"to"`
}

// Compare lists what changed from one state to another, in time proportional to their
// size. Progress counts as changed only beyond rounding noise.
func Compare(from, to Snapshot) Comparison {
	c := Comparison{ProgressFrom: from.Progress, ProgressTo: to.Progress}
	before := make(map[int64]NodeState, len(from.Nodes))
	for _, n := range from.Nodes {
		before[n.ID] = n
	}
	after := make(map[int64]NodeState, len(to.Nodes))
	for _, n := range to.Nodes {
		after[n.ID] = n
		old, ok := before[n.ID]
		if !ok {
			if n.Kind == Activity {
				c.Added = append(c.Added, n)
			}
			continue
		}
		if changed(old.Progress, n.Progress) {
			c.ProgressChanges = append(c.ProgressChanges, ProgressChange{Node: n, From: old.Progress, To: n.Progress,
				Delta: value(n.Progress) - value(old.Progress)})
		}
		if n.Kind != Activity {
			continue
		}
		if old.Status != n.Status {
			c.StatusChanges = append(c.StatusChanges, StatusChange{Node: n, From: old.Status, To: n.Status})
		}
		if !closed(from.Statuses, old.Status) && closed(to.Statuses, n.Status) {
			c.Closed = append(c.Closed, n)
		}
	}
	for _, n := range from.Nodes {
		if _, ok := after[n.ID]; !ok && n.Kind == Activity {
			c.Removed = append(c.Removed, n)
		}
	}
	c.ParticipantChanges = compareParticipants(from.Participants, to.Participants, before, after)
	c.IndicatorChanges = compareIndicators(from.Indicators, to.Indicators)
	return c
}

type partKey struct {
	activity int64
	ehak     string
}

func compareParticipants(from, to []ParticipantState, before, after map[int64]NodeState) []ParticipantChange {
	old := make(map[partKey]ParticipantState, len(from))
	for _, p := range from {
		old[partKey{p.ActivityID, p.MunicipalityEHAK}] = p
	}
	var out []ParticipantChange
	seen := make(map[partKey]bool, len(to))
	for _, p := range to {
		k := partKey{p.ActivityID, p.MunicipalityEHAK}
		seen[k] = true
		o, ok := old[k]
		switch {
		case !ok:
			out = append(out, ParticipantChange{Node: after[p.ActivityID], To: &p})
		case o.Status != p.Status || o.Completion != p.Completion:
			out = append(out, ParticipantChange{Node: after[p.ActivityID], From: &o, To: &p})
		}
	}
	for _, p := range from {
		if !seen[partKey{p.ActivityID, p.MunicipalityEHAK}] {
			n, ok := after[p.ActivityID]
			if !ok {
				n = before[p.ActivityID]
			}
			out = append(out, ParticipantChange{Node: n, From: &p})
		}
	}
	return out
}

func compareIndicators(from, to []IndicatorState) []IndicatorChange {
	old := make(map[int64]IndicatorState, len(from))
	for _, i := range from {
		old[i.ID] = i
	}
	var out []IndicatorChange
	for _, i := range to {
		o := old[i.ID]
		if !samePoint(o.Latest, i.Latest) {
			out = append(out, IndicatorChange{Indicator: i, From: o.Latest, To: i.Latest})
		}
	}
	return out
}

// closed reports whether key is a done or cancelled status of statuses.
func closed(statuses Statuses, key string) bool {
	s, ok := statuses.Find(key)
	return ok && (s.Done || s.Cancelled)
}

func changed(a, b *float64) bool {
	if a == nil || b == nil {
		return (a == nil) != (b == nil)
	}
	return math.Abs(*a-*b) > 1e-9
}

func value(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

func samePoint(a, b *Point) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Value == b.Value && a.Date.Equal(b.Date)
}
