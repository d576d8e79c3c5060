package plan

import "time"

// Current is the strategy the home page reports on, of the given ones: the adopted
// national strategy whose years include today, else the latest adopted national one
// (by end year, then start year). A municipality's own plan is its own, not the
// association's; drafts and archived strategies are never current.
func Current(strategies []Strategy, today time.Time) (Strategy, bool) {
	var best Strategy
	found, within := false, false
	y := today.Year()
	for _, s := range strategies {
		if s.Status != Adopted || s.OwnerID != nil {
			continue
		}
		in := s.StartYear <= y && y <= s.EndYear
		later := s.EndYear > best.EndYear || (s.EndYear == best.EndYear && s.StartYear > best.StartYear)
		if !found || (in && !within) || (in == within && later) {
			best, found, within = s, true, in
		}
	}
	return best, found
}

// Summary is how a strategy's activities stand, for the home page.
type Summary struct {
	Done, OnTrack, Late int
	Goals               []GoalProgress // the top-level nodes, in order
}

// GoalProgress is a top-level node with its rolled-up progress; Known is false when
// nothing under it can be measured yet (Rollup leaves it out).
type GoalProgress struct {
	Node     Node
	Progress float64
	Known    bool
}

// Summarize counts a tree's activities as done (a done status), late (open and needing
// attention by NeedsAttention's rules, or past its end date) or on track (every other
// open one); cancelled activities count in none. The goals' progress is Rollup's.
func Summarize(t Tree, now time.Time) Summary {
	late := map[int64]bool{}
	for _, a := range NeedsAttention(t, now) {
		late[a.ActivityID] = true
	}
	var s Summary
	for _, n := range t.Nodes {
		if n.Kind != Activity {
			continue
		}
		st, _ := t.Strategy.Statuses.Find(n.Status)
		switch {
		case st.Cancelled:
		case st.Done:
			s.Done++
		case late[n.ID] || IsOverdue(n.End, now):
			s.Late++
		default:
			s.OnTrack++
		}
	}
	progress := Rollup(t)
	for _, n := range t.Children()[StrategyKey] {
		p, ok := progress[n.ID]
		s.Goals = append(s.Goals, GoalProgress{Node: n, Progress: p, Known: ok})
	}
	return s
}
