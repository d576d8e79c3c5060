// Package consult is the association's consultations on its own drafts (issue 16): a
// document in versions made of sections, comments anchored to a section or a passage of
// it, the phases from draft to concluded, and a disposition per comment that traces it to
// the version that changed the text and to the strategy item it changed.
package consult

import (
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Phase is where a consultation stands.
type Phase string

const (
	Draft     Phase = "draft"     // being prepared; only the association sees it
	Open      Phase = "open"      // takes comments between its dates
	Closed    Phase = "closed"    // takes no comments; the association disposes of them
	Concluded Phase = "concluded" // the outcome is published; nothing changes any more
)

// Phases lists the phases in their order.
var Phases = []Phase{Draft, Open, Closed, Concluded}

// Valid reports whether p is one of Phases.
func (p Phase) Valid() bool { return oneOf(p, Phases) }

// Public reports whether the public may read a consultation in this phase: everything
// past the draft stays readable at the same address for good.
func (p Phase) Public() bool { return p == Open || p == Closed || p == Concluded }

// Final reports whether nothing of the consultation may change any more.
func (p Phase) Final() bool { return p == Concluded }

// moves are the phase changes allowed: a closed consultation may be opened again (e.g.
// its period extended), a concluded one is final.
var moves = map[Phase][]Phase{Draft: {Open}, Open: {Closed}, Closed: {Open, Concluded}}

// Consultation is one consultation on one document.
type Consultation struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Summary string `json:"summary"`
	Phase   Phase  `json:"phase"`
	// OpensOn and ClosesOn (YYYY-MM-DD) bound the days comments are taken while Open.
	OpensOn  string `json:"opens_on"`
	ClosesOn string `json:"closes_on"`
	// PublicComments lets signed-in people outside the municipalities comment too; their
	// comments wait in the moderation queue.
	PublicComments bool `json:"public_comments"`
	// Outcome is the published result, required to conclude.
	Outcome   string    `json:"outcome"`
	Versions  int       `json:"versions"` // how many versions of the document there are
	Comments  int       `json:"comments"` // published comments
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Normalize trims the texts.
func (c *Consultation) Normalize() {
	c.Title = strings.TrimSpace(c.Title)
	c.Summary = strings.TrimSpace(c.Summary)
	c.Outcome = strings.TrimSpace(c.Outcome)
	c.OpensOn = strings.TrimSpace(c.OpensOn)
	c.ClosesOn = strings.TrimSpace(c.ClosesOn)
}

// Validate checks what a coordinator enters.
func (c Consultation) Validate() error {
	var p kovit.Problems
	required(&p, "title", c.Title, 300)
	if kovit.TooLong(c.Summary, 5000) {
		p.Add("summary", "error.too_long")
	}
	if kovit.TooLong(c.Outcome, 20000) {
		p.Add("outcome", "error.too_long")
	}
	opens, okOpens := date(c.OpensOn)
	closes, okCloses := date(c.ClosesOn)
	if !okOpens {
		p.Add("opens_on", "error.date")
	}
	if !okCloses {
		p.Add("closes_on", "error.date")
	}
	if okOpens && okCloses && c.OpensOn != "" && c.ClosesOn != "" && closes.Before(opens) {
		p.Add("closes_on", "consult.error.closes_before_opens")
	}
	if c.Phase != "" && !c.Phase.Valid() {
		p.Add("phase", "consult.error.phase")
	}
	if c.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// Move is a phase change a coordinator asks for.
type Move struct {
	To      Phase  `json:"to"`
	Outcome string `json:"outcome"` // the published result; required to conclude
	Version int    `json:"version"`
}

// Check says whether c may move as m asks; undisposed counts the published comments
// without a disposition, which must be none to conclude.
func (m Move) Check(c Consultation, undisposed int) error {
	var p kovit.Problems
	if !m.To.Valid() {
		p.Add("to", "consult.error.phase")
		return p.Err()
	}
	if !oneOf(m.To, moves[c.Phase]) {
		return kovit.Errorf(kovit.EConflict, "consult.error.move")
	}
	switch m.To {
	case Open:
		if c.OpensOn == "" {
			p.Add("opens_on", "consult.error.dates_to_open")
		}
		if c.ClosesOn == "" {
			p.Add("closes_on", "consult.error.dates_to_open")
		}
	case Concluded:
		if strings.TrimSpace(m.Outcome) == "" {
			p.Add("outcome", "consult.error.outcome")
		} else if kovit.TooLong(m.Outcome, 20000) {
			p.Add("outcome", "error.too_long")
		}
		if undisposed > 0 {
			return kovit.Errorf(kovit.EConflict, "consult.error.undisposed")
		}
	}
	return p.Err()
}

// Takes reports whether c takes comments on day today (YYYY-MM-DD): open, and within
// its dates.
func (c Consultation) Takes(today string) bool {
	return c.Phase == Open && c.OpensOn <= today && today <= c.ClosesOn
}

// Filter selects consultations; empty fields do not filter.
type Filter struct {
	PublicOnly bool // leaves out drafts
	Phase      Phase
	Limit      int
	Offset     int
}

// Validate checks the filter and fills the default page size.
func (f *Filter) Validate() error {
	var p kovit.Problems
	if f.Phase != "" && !f.Phase.Valid() {
		p.Add("phase", "consult.error.phase")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 50)
	return p.Err()
}

func required(p *kovit.Problems, field, v string, max int) {
	if strings.TrimSpace(v) == "" {
		p.Add(field, "error.required")
	} else if kovit.TooLong(v, max) {
		p.Add(field, "error.too_long")
	}
}

func date(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil && kovit.ValidDate(t)
}

func oneOf[T comparable](v T, list []T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// Next lists the phases a consultation in phase p may move to.
func (p Phase) Next() []Phase { return moves[p] }
