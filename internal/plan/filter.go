package plan

import "kovit/internal/kovit"

// ActivityFilter picks a tree's activities, as the tree page's filters and the activity
// list API both do; zero fields do not filter.
type ActivityFilter struct {
	Branch       int64  // only under this goal or direction
	Status       string // a key of the strategy's Statuses
	LeadOrgID    int64
	Municipality string // EHAK: only joint activities it takes part in
}

// Validate checks f against the tree it will filter: the branch must be one of its goals
// or directions and the status one of its strategy's.
func (f ActivityFilter) Validate(t Tree) error {
	var p kovit.Problems
	if f.Branch != 0 {
		found := false
		for _, n := range t.Nodes {
			if n.ID == f.Branch && n.Kind != Activity {
				found = true
				break
			}
		}
		if !found {
			p.Add("direction", "plan.error.branch")
		}
	}
	if _, ok := t.Strategy.Statuses.Find(f.Status); f.Status != "" && !ok {
		p.Add("status", "plan.error.status")
	}
	if f.LeadOrgID < 0 {
		p.Add("lead", "plan.error.org")
	}
	if f.Municipality != "" && !fourDigits(f.Municipality) {
		p.Add("municipality", "error.unknown_municipality")
	}
	return p.Err()
}

// Narrows reports whether f picks among activities, rather than only choosing a branch.
func (f ActivityFilter) Narrows() bool {
	return f.Status != "" || f.LeadOrgID != 0 || f.Municipality != ""
}

// Walk calls fn for every node of t in reading order (each parent before its children,
// siblings in order) with its depth from 0 at the top, and for activities whether f picks
// it. Nodes outside f's branch are skipped.
func (t Tree) Walk(f ActivityFilter, fn func(n Node, depth int, picked bool)) {
	children := t.Children()
	var in map[int64]bool
	if f.Municipality != "" {
		in = map[int64]bool{}
		for _, p := range t.Participants {
			if p.MunicipalityEHAK == f.Municipality {
				in[p.ActivityID] = true
			}
		}
	}
	picks := func(n Node) bool {
		return n.Kind == Activity && (f.Status == "" || n.Status == f.Status) &&
			(f.LeadOrgID == 0 || (n.LeadOrgID != nil && *n.LeadOrgID == f.LeadOrgID)) &&
			(in == nil || in[n.ID])
	}
	var walk func(id int64, depth int, inBranch bool)
	walk = func(id int64, depth int, inBranch bool) {
		for _, n := range children[id] {
			here := inBranch || n.ID == f.Branch
			if here {
				fn(n, depth, picks(n))
			}
			walk(n.ID, depth+1, here)
		}
	}
	walk(StrategyKey, 0, f.Branch == 0)
}

// fourDigits reports whether s looks like an EHAK code of a municipality.
func fourDigits(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
