package advice

import (
	"slices"
	"time"

	"kovit/internal/kovit"
)

// Clock is a question's working-day clock: how much of its target the association has
// used, and when it is due.
type Clock struct {
	Target int `json:"target"`
	// Used counts the working days after the question was asked up to today (or until the
	// clock stopped), less those the clock stood still.
	Used    int  `json:"used"`
	Running bool `json:"running"`
	// Due is the last working day of the target while the clock runs; zero otherwise.
	Due      time.Time `json:"due,omitzero"`
	Late     bool      `json:"late"`
	VeryLate bool      `json:"very_late"`
}

// VeryLateFactor: a question that has used more than twice its target is very late.
const VeryLateFactor = 2

// Clock reads q's clock at now. A day the clock stood still is one after the day it
// stopped up to and including the day it restarted: the day a municipality replies is
// theirs, the association's count starts again the next day.
func (c *Calendar) Clock(q Inquiry, now time.Time) Clock {
	end := now
	if q.StoppedAt != nil {
		end = *q.StoppedAt
	}
	cl := Clock{Target: q.Topic.Target(), Running: q.State.Running()}
	cl.Used = c.used(q, end)
	cl.Late = cl.Used > cl.Target
	cl.VeryLate = cl.Used > VeryLateFactor*cl.Target
	if cl.Running {
		cl.Due = c.due(q)
	}
	return cl
}

// AnswerDays is how many working days the first answer took, or false before one.
func (c *Calendar) AnswerDays(q Inquiry) (int, bool) {
	if q.FirstAnsweredAt == nil {
		return 0, false
	}
	return c.used(q, *q.FirstAnsweredAt), true
}

func (c *Calendar) used(q Inquiry, end time.Time) int {
	asked, last := Day(q.AskedAt, kovit.Estonia), Day(end, kovit.Estonia)
	n := c.Workdays(asked, last)
	for _, p := range q.Pauses {
		from, to := Day(p.From, kovit.Estonia), Day(p.To, kovit.Estonia)
		if to.After(last) {
			to = last
		}
		n -= c.Workdays(from, to)
	}
	return max(n, 0)
}

func (c *Calendar) due(q Inquiry) time.Time {
	var paused [][2]time.Time
	for _, p := range q.Pauses {
		paused = append(paused, [2]time.Time{Day(p.From, kovit.Estonia), Day(p.To, kovit.Estonia)})
	}
	d := Day(q.AskedAt, kovit.Estonia)
	for left := q.Topic.Target(); left > 0; {
		d = d.AddDate(0, 0, 1)
		if !c.Workday(d) || slices.ContainsFunc(paused, func(s [2]time.Time) bool { return d.After(s[0]) && !d.After(s[1]) }) {
			continue
		}
		left--
	}
	return d
}
