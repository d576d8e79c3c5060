package plan

import (
	"cmp"
	"slices"
	"time"
)

// AttentionKind is why an item needs attention.
type AttentionKind string

const (
	StaleActivity      AttentionKind = "stale_activity"
	OverdueTask        AttentionKind = "overdue_task"
	OverdueParticipant AttentionKind = "overdue_participant"
)

// Attention is one item for the "needs attention" pages and the weekly digest.
type Attention struct {
	Kind             AttentionKind `json:"kind"`
	ActivityID       int64         `json:"activity_id"`
	TaskID           int64         `json:"task_id,omitempty"`
	MunicipalityEHAK string        `json:"municipality_ehak,omitempty"`
	// Since is the last change (stale) or the due date (overdue); Days counts from it.
	Since time.Time `json:"since"`
	Days  int       `json:"days"`
}

// IsStale reports whether something last changed at last has gone more than days days
// without a change at now.
func IsStale(last time.Time, days int, now time.Time) bool {
	return now.Sub(last) > time.Duration(days)*24*time.Hour
}

// IsOverdue reports whether due is a day before now's day. Due dates are calendar days, so
// now is taken in its own location: pass it in Estonian time for Estonian users.
func IsOverdue(due *time.Time, now time.Time) bool {
	return due != nil && day(now).After(day(*due))
}

// day is t's calendar day as midnight UTC, so days from different locations compare.
func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func daysBetween(from, to time.Time) int { return int(day(to).Sub(day(from)).Hours() / 24) }

// NeedsAttention lists a tree's stale activities, overdue open tasks and overdue
// participants, oldest first within each kind. An activity counts as changed when it, a
// participant or a task of it changed or a progress update on it was posted, so a
// municipality reporting its part keeps the activity fresh. Done and cancelled work never needs attention, nor anything under a
// cancelled activity.
func NeedsAttention(t Tree, now time.Time) []Attention {
	statuses := t.Strategy.Statuses
	closed := func(key string) bool {
		s, ok := statuses.Find(key)
		return ok && (s.Done || s.Cancelled)
	}
	last := map[int64]time.Time{}
	cancelled := map[int64]bool{}
	for _, n := range t.Nodes {
		if n.Kind == Activity {
			last[n.ID] = n.UpdatedAt
			s, _ := statuses.Find(n.Status)
			cancelled[n.ID] = s.Cancelled
		}
	}
	touch := func(id int64, at time.Time) {
		if l, ok := last[id]; ok && at.After(l) {
			last[id] = at
		}
	}
	for id, at := range t.LastUpdates {
		touch(id, at)
	}
	var out []Attention
	for _, p := range t.Participants {
		touch(p.ActivityID, p.UpdatedAt)
		if !cancelled[p.ActivityID] && !closed(p.Status) && IsOverdue(p.Due, now) {
			out = append(out, Attention{Kind: OverdueParticipant, ActivityID: p.ActivityID, MunicipalityEHAK: p.MunicipalityEHAK,
				Since: *p.Due, Days: daysBetween(*p.Due, now)})
		}
	}
	for _, k := range t.Tasks {
		touch(k.ActivityID, k.UpdatedAt)
		if !cancelled[k.ActivityID] && k.State.Open() && IsOverdue(k.Due, now) {
			out = append(out, Attention{Kind: OverdueTask, ActivityID: k.ActivityID, TaskID: k.ID, Since: *k.Due, Days: daysBetween(*k.Due, now)})
		}
	}
	for _, n := range t.Nodes {
		if n.Kind == Activity && !closed(n.Status) && IsStale(last[n.ID], t.Strategy.StaleAfterDays, now) {
			out = append(out, Attention{Kind: StaleActivity, ActivityID: n.ID, Since: last[n.ID], Days: daysBetween(last[n.ID], now)})
		}
	}
	slices.SortStableFunc(out, func(a, b Attention) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), a.Since.Compare(b.Since), cmp.Compare(a.ActivityID, b.ActivityID))
	})
	return out
}
