// Package advice is the association's fifth task: advising municipalities and representing
// them in the development of the state's IT. Municipalities ask questions, answered against
// a target counted in Estonian working days (Calendar); answers become knowledge-base
// entries (Entry); and the state's drafts go round the municipalities for comment.
package advice

import (
	"slices"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Topic is what a question is about; each has its own response target.
type Topic string

const (
	TopicLaw      Topic = "law"      // legal bases, KOKS, AvTS, data protection
	TopicSystems  Topic = "systems"  // state information systems and their use
	TopicSecurity Topic = "security" // information security, E-ITS
	TopicProcure  Topic = "procurement"
	TopicData     Topic = "data" // open data, registers, X-tee
	TopicOther    Topic = "other"
)

// Topics lists the topics in the order forms offer them.
var Topics = []Topic{TopicLaw, TopicSystems, TopicSecurity, TopicProcure, TopicData, TopicOther}

// Valid reports whether t is one of Topics.
func (t Topic) Valid() bool { return slices.Contains(Topics, t) }

// Target is how many working days the association gives itself to answer a question of
// the topic: a legal question needs research, a security one cannot wait.
func (t Topic) Target() int {
	switch t {
	case TopicSecurity:
		return 3
	case TopicLaw, TopicProcure:
		return 10
	}
	return 5
}

// State is where a question is in its handling.
type State string

const (
	New        State = "new"
	InProgress State = "in_progress"
	// Waiting is waiting for the municipality to add something; the clock is paused.
	Waiting  State = "waiting"
	Answered State = "answered"
	Closed   State = "closed"
)

// States lists the states in their usual order.
var States = []State{New, InProgress, Waiting, Answered, Closed}

// Valid reports whether s is one of States.
func (s State) Valid() bool { return slices.Contains(States, s) }

// Running reports whether the association's clock runs in s: only while the question is
// the association's to answer.
func (s State) Running() bool { return s == New || s == InProgress }

// MaxLinks bounds the links of a question.
const MaxLinks = 10

// Inquiry is a municipality's question to the association.
type Inquiry struct {
	ID               int64    `json:"id"`
	MunicipalityEHAK string   `json:"municipality_ehak"`
	Topic            Topic    `json:"topic"`
	Subject          string   `json:"subject"`
	Question         string   `json:"question"`
	Links            []string `json:"links"`
	State            State    `json:"state"`
	Answer           string   `json:"answer"`
	// Note is what the last move said: what the association needs from the municipality,
	// or why it was reopened.
	Note    string    `json:"note"`
	AskedAt time.Time `json:"asked_at"`
	// FirstAnsweredAt is when the question was first answered: the statistics count it.
	FirstAnsweredAt *time.Time `json:"first_answered_at"`
	// StoppedAt is since when the clock stands (waiting, answered, closed); Pauses are the
	// earlier stops, so the clock skips them.
	StoppedAt *time.Time `json:"stopped_at"`
	Pauses    []Span     `json:"pauses"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// Span is a time the clock stood, From inclusive to To exclusive.
type Span struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Normalize trims what people type and fills a new question's state.
func (q *Inquiry) Normalize() {
	q.Subject = strings.TrimSpace(q.Subject)
	q.Question = strings.TrimSpace(q.Question)
	links := []string{}
	for _, l := range q.Links {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(links, l) {
			links = append(links, l)
		}
	}
	q.Links = links
	if q.State == "" {
		q.State = New
	}
	if q.Pauses == nil {
		q.Pauses = []Span{}
	}
}

// Validate checks what a municipality enters.
func (q Inquiry) Validate() error {
	var p kovit.Problems
	if len(q.MunicipalityEHAK) != 4 {
		p.Add("municipality_ehak", "advice.error.municipality")
	}
	if !q.Topic.Valid() {
		p.Add("topic", "advice.error.topic")
	}
	required(&p, "subject", q.Subject, 300)
	required(&p, "question", q.Question, 20000)
	if len(q.Links) > MaxLinks {
		p.Add("links", "advice.error.links")
	}
	for _, l := range q.Links {
		if !kovit.ValidURL(l) || kovit.TooLong(l, 2000) {
			p.Add("links", "error.url")
			break
		}
	}
	if !q.State.Valid() {
		p.Add("state", "advice.error.state")
	}
	if q.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

func required(p *kovit.Problems, field, v string, max int) {
	switch {
	case v == "":
		p.Add(field, "error.required")
	case kovit.TooLong(v, max):
		p.Add(field, "error.too_long")
	}
}

// Move is a change of a question's state, with the answer or a note.
type Move struct {
	To State `json:"to"`
	// Answer is the association's answer, required to move to answered.
	Answer string `json:"answer"`
	// Note says what the municipality should add (to waiting) or why it reopens.
	Note    string `json:"note"`
	Version int    `json:"version"`
}

// moves lists the allowed moves: the association works, asks back, answers; the
// municipality replies, closes, or reopens an answer it finds lacking.
var moves = map[State][]State{
	New:        {InProgress, Waiting, Answered},
	InProgress: {Waiting, Answered},
	Waiting:    {InProgress, Answered},
	Answered:   {Closed, InProgress},
	Closed:     {InProgress},
}

// ByMunicipality reports whether the municipality's own editors may make the move from
// from: reply to a question back (waiting → in progress), close an answered question, or
// reopen one. Every other move is the association's.
func (m Move) ByMunicipality(from State) bool {
	return m.To == InProgress && (from == Waiting || from == Answered || from == Closed) ||
		m.To == Closed && from == Answered
}

// Check refuses a move the states do not allow, or one missing what it needs.
func (m Move) Check(from State) error {
	var p kovit.Problems
	if !m.To.Valid() || !slices.Contains(moves[from], m.To) {
		p.Add("to", "advice.error.move")
		return p.Err()
	}
	if m.To == Answered {
		required(&p, "answer", strings.TrimSpace(m.Answer), 50000)
	}
	if m.To == Waiting {
		required(&p, "note", strings.TrimSpace(m.Note), 5000)
	} else if kovit.TooLong(m.Note, 5000) {
		p.Add("note", "error.too_long")
	}
	return p.Err()
}

// Apply is the question after move m at now, which Check allowed: the one place that
// stops and restarts the clock.
func (q Inquiry) Apply(m Move, now time.Time) Inquiry {
	was := q.State.Running()
	q.State = m.To
	q.Note = strings.TrimSpace(m.Note)
	if m.To == Answered {
		q.Answer = strings.TrimSpace(m.Answer)
		if q.FirstAnsweredAt == nil {
			q.FirstAnsweredAt = &now
		}
	}
	switch {
	case was && !m.To.Running():
		q.StoppedAt = &now
	case !was && m.To.Running() && q.StoppedAt != nil:
		q.Pauses = append(slices.Clone(q.Pauses), Span{From: *q.StoppedAt, To: now})
		q.StoppedAt = nil
	}
	return q
}
