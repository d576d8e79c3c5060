package security

import (
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Round is a yearly self-assessment round a coordinator opens on one catalogue year:
// municipalities answer by the deadline, may correct their figures until the correction
// window ends, and the peer aggregates are published from the publication date.
type Round struct {
	ID              int64     `json:"id"`
	Year            int       `json:"year"` // the catalogue year the round pins
	Title           string    `json:"title"`
	Deadline        string    `json:"deadline"`         // YYYY-MM-DD, the last day to answer
	CorrectionUntil string    `json:"correction_until"` // YYYY-MM-DD, the last day to correct
	PublishOn       string    `json:"publish_on"`       // YYYY-MM-DD, when aggregates appear
	Version         int       `json:"version"`
	CreatedAt       time.Time `json:"created_at"`
	UpdatedAt       time.Time `json:"updated_at"`
}

// Normalize trims the texts.
func (r *Round) Normalize() {
	r.Title = strings.TrimSpace(r.Title)
	r.Deadline = strings.TrimSpace(r.Deadline)
	r.CorrectionUntil = strings.TrimSpace(r.CorrectionUntil)
	r.PublishOn = strings.TrimSpace(r.PublishOn)
}

// Validate checks what a coordinator enters; years lists the catalogue years there are.
// The dates must follow one another: answers, then corrections, then publication, so no
// aggregate is published from figures a municipality may still change.
func (r Round) Validate(years []int) error {
	var p kovit.Problems
	if r.Title == "" {
		p.Add("title", "error.required")
	} else if kovit.TooLong(r.Title, 300) {
		p.Add("title", "error.too_long")
	}
	known := false
	for _, y := range years {
		known = known || y == r.Year
	}
	if !known {
		p.Add("year", "security.error.catalogue_year")
	}
	deadline := dateField(&p, "deadline", r.Deadline)
	correction := dateField(&p, "correction_until", r.CorrectionUntil)
	publish := dateField(&p, "publish_on", r.PublishOn)
	if deadline != "" && correction != "" && correction < deadline {
		p.Add("correction_until", "security.error.correction_before_deadline")
	}
	if correction != "" && publish != "" && publish <= correction {
		p.Add("publish_on", "security.error.publish_before_correction")
	}
	if r.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

func dateField(p *kovit.Problems, field, s string) string {
	if s == "" {
		p.Add(field, "error.required")
		return ""
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || !kovit.ValidDate(t) {
		p.Add(field, "error.date")
		return ""
	}
	return s
}

// Day is the calendar day of t in Estonia, as the round's dates are meant there.
func Day(t time.Time) string { return t.In(kovit.Estonia).Format(time.DateOnly) }

// Phase is where a round stands on a day.
type Phase string

const (
	Answering  Phase = "answering"  // until the deadline
	Correcting Phase = "correcting" // after the deadline, within the correction window
	Closed     Phase = "closed"     // after the window, before publication
	Published  Phase = "published"  // from the publication date
)

// PhaseOn is the round's phase on day (YYYY-MM-DD).
func (r Round) PhaseOn(day string) Phase {
	switch {
	case day >= r.PublishOn:
		return Published
	case day > r.CorrectionUntil:
		return Closed
	case day > r.Deadline:
		return Correcting
	}
	return Answering
}

// Writable reports whether answers may still change on day: until the correction window ends.
func (r Round) Writable(day string) bool {
	p := r.PhaseOn(day)
	return p == Answering || p == Correcting
}

// ErrClosed refuses a change to a round past its correction window.
var ErrClosed = kovit.Errorf(kovit.EConflict, "security.error.round_closed")
