package plan

import (
	"strings"

	"kovit/internal/kovit"
)

// Status is one entry of a strategy's configurable list of activity statuses; participants
// of joint activities use the same list.
type Status struct {
	Key    string `json:"key"`
	NameEt string `json:"name_et"`
	NameEn string `json:"name_en"`
	Colour string `json:"colour"` // #rrggbb
	// Done means the work is finished: it counts as 100 % whatever completion was entered.
	Done bool `json:"done"`
	// Cancelled means the work will not happen: roll-up and attention leave it out, so
	// dropping an activity neither drags its parent down nor raises an alarm.
	Cancelled bool `json:"cancelled"`
}

// The keys of the default statuses.
const (
	NotStarted = "not_started"
	InProgress = "in_progress"
	Delayed    = "delayed"
	Done       = "done"
	Cancelled  = "cancelled"
)

// DefaultStatuses is the list a new strategy starts with. The colours are from the
// Okabe–Ito palette, which colour-blind readers can tell apart; pages print the name too.
func DefaultStatuses() []Status {
	return []Status{
		{Key: NotStarted, NameEt: "alustamata", NameEn: "not started", Colour: "#999999"},
		{Key: InProgress, NameEt: "töös", NameEn: "in progress", Colour: "#0072b2"},
		{Key: Delayed, NameEt: "hilinenud", NameEn: "delayed", Colour: "#e69f00"},
		{Key: Done, NameEt: "tehtud", NameEn: "done", Colour: "#009e73", Done: true},
		{Key: Cancelled, NameEt: "tühistatud", NameEn: "cancelled", Colour: "#666666", Cancelled: true},
	}
}

// Statuses is a strategy's status list with lookups by key.
type Statuses []Status

// Find returns the status with key.
func (ss Statuses) Find(key string) (Status, bool) {
	for _, s := range ss {
		if s.Key == key {
			return s, true
		}
	}
	return Status{}, false
}

// Default is the status a new activity or participant gets: the first in the list.
func (ss Statuses) Default() string {
	if len(ss) == 0 {
		return ""
	}
	return ss[0].Key
}

// Settle returns the completion to store with status: a done status means 100 %, so the
// two fields never contradict each other on a page.
func (ss Statuses) Settle(status string, completion int) int {
	if s, ok := ss.Find(status); ok && s.Done {
		return 100
	}
	return completion
}

func validateStatuses(p *kovit.Problems, list []Status) {
	if len(list) == 0 {
		p.Add("statuses", "error.required")
		return
	}
	seen := map[string]bool{}
	done := false
	for _, s := range list {
		switch {
		case !validKey(s.Key):
			p.Add("statuses", "plan.error.status_key")
		case seen[s.Key]:
			p.Add("statuses", "plan.error.status_duplicate")
		case strings.TrimSpace(s.NameEt) == "":
			p.Add("statuses", "error.required")
		case kovit.TooLong(s.NameEt, 60) || kovit.TooLong(s.NameEn, 60):
			p.Add("statuses", "error.too_long")
		case !ValidColour(s.Colour):
			p.Add("statuses", "plan.error.colour")
		case s.Done && s.Cancelled:
			p.Add("statuses", "plan.error.status_done_cancelled")
		default:
			seen[s.Key] = true
			done = done || s.Done
			continue
		}
		return // one message for the list is enough
	}
	if !done {
		p.Add("statuses", "plan.error.status_no_done")
	}
}

// validKey accepts the lowercase keys exports and the API carry: a-z, 0-9 and _.
func validKey(k string) bool {
	if k == "" || len(k) > 30 {
		return false
	}
	for _, r := range k {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// ValidColour reports whether c is a colour as #rrggbb, the only form pages put into an
// SVG fill: anything else could break out of the attribute.
func ValidColour(c string) bool {
	if len(c) != 7 || c[0] != '#' {
		return false
	}
	for _, r := range c[1:] {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r >= 'A' && r <= 'F') {
			return false
		}
	}
	return true
}
