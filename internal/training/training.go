// Package training is training and awareness (issue 14): the trainings held by the
// association or others, each municipality's completions by person, the trainings each
// role must hold, and what follows from them: who lacks a required or valid training,
// which certificates expire soon, and the share of staff covered, which is the E-ITS
// awareness measure's figure (ORP.3) instead of a typed answer.
package training

import (
	"slices"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Kind is what sort of training it is.
type Kind string

const (
	Course    Kind = "course"
	Event     Kind = "event"
	ELearning Kind = "elearning"
)

// Kinds in the order forms offer them.
var Kinds = []Kind{Course, Event, ELearning}

// Role is a person's role in a municipality that trainings are required for.
type Role string

const (
	Employee            Role = "employee"
	SecurityCoordinator Role = "security_coordinator"
	ITLead              Role = "it_lead"
	Editor              Role = "editor"
	RecordsManager      Role = "records_manager"
)

// Roles in the order forms offer them.
var Roles = []Role{Employee, SecurityCoordinator, ITLead, Editor, RecordsManager}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// AwarenessModule is the E-ITS module whose measures this module's figures answer.
const AwarenessModule = "ORP.3"

// ExpiryWindow is how many days ahead an expiring certificate goes to the desk.
const ExpiryWindow = 60

// Limits of the entered text.
const (
	maxTitle    = 300
	maxProvider = 200
	maxPerson   = 200
	// MaxValidMonths bounds how long a completion stays valid: ten years.
	MaxValidMonths = 120
)

// Training is one training or event. ValidMonths 0: a completion never expires.
type Training struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Provider    string    `json:"provider"`
	HeldOn      string    `json:"held_on"` // YYYY-MM-DD, "" for an ongoing e-course
	Kind        Kind      `json:"kind"`
	ValidMonths int       `json:"valid_months"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Normalize trims the entered text.
func (t *Training) Normalize() {
	t.Title, t.Provider, t.HeldOn = strings.TrimSpace(t.Title), strings.TrimSpace(t.Provider), strings.TrimSpace(t.HeldOn)
}

// Validate checks a training, naming each wrong field.
func (t Training) Validate() error {
	var p kovit.Problems
	if t.Title == "" {
		p.Add("title", "error.required")
	} else if kovit.TooLong(t.Title, maxTitle) {
		p.Add("title", "error.too_long")
	}
	if kovit.TooLong(t.Provider, maxProvider) {
		p.Add("provider", "error.too_long")
	}
	if t.HeldOn != "" && !validDay(t.HeldOn) {
		p.Add("held_on", "training.error.date")
	}
	if !slices.Contains(Kinds, t.Kind) {
		p.Add("kind", "training.error.kind")
	}
	if t.ValidMonths < 0 || t.ValidMonths > MaxValidMonths {
		p.Add("valid_months", "training.error.valid_months")
	}
	return p.Err()
}

// Requirement says that every person in Role must hold a valid completion of TrainingID.
type Requirement struct {
	ID         int64 `json:"id"`
	Role       Role  `json:"role"`
	TrainingID int64 `json:"training_id"`
	Version    int   `json:"version"`
}

// Validate checks a requirement against the trainings that exist.
func (r Requirement) Validate(trainings []Training) error {
	var p kovit.Problems
	if !r.Role.Valid() {
		p.Add("role", "training.error.role")
	}
	if !slices.ContainsFunc(trainings, func(t Training) bool { return t.ID == r.TrainingID }) {
		p.Add("training_id", "training.error.training")
	}
	return p.Err()
}

// Record is one person's completion of a training in a municipality. ExpiresOn is
// computed from the training's validity ("" never), never entered.
type Record struct {
	ID               int64     `json:"id"`
	MunicipalityEHAK string    `json:"municipality_ehak"`
	Person           string    `json:"person"`
	Role             Role      `json:"role"`
	TrainingID       int64     `json:"training_id"`
	CompletedOn      string    `json:"completed_on"`
	ExpiresOn        string    `json:"expires_on"`
	Version          int       `json:"version"`
	CreatedAt        time.Time `json:"created_at"`
	// Counted marks a person Expand made of counted completions: no one's name, never saved.
	Counted bool `json:"-"`
}

// Normalize trims the entered text and computes the expiry from t's validity.
func (r *Record) Normalize(t Training) {
	r.Person = strings.Join(strings.Fields(r.Person), " ")
	r.CompletedOn = strings.TrimSpace(r.CompletedOn)
	r.ExpiresOn = Expiry(r.CompletedOn, t.ValidMonths)
}

// Validate checks a record; today bounds the completion date (none in the future).
func (r Record) Validate(trainings []Training, today string) error {
	var p kovit.Problems
	if r.Person == "" {
		p.Add("person", "error.required")
	} else if kovit.TooLong(r.Person, maxPerson) {
		p.Add("person", "error.too_long")
	}
	if !r.Role.Valid() {
		p.Add("role", "training.error.role")
	}
	if !slices.ContainsFunc(trainings, func(t Training) bool { return t.ID == r.TrainingID }) {
		p.Add("training_id", "training.error.training")
	}
	switch {
	case !validDay(r.CompletedOn):
		p.Add("completed_on", "training.error.date")
	case r.CompletedOn > today:
		p.Add("completed_on", "training.error.future")
	}
	return p.Err()
}

// Expiry is the day a completion on day completed stops being valid, months later; ""
// when it never does (months 0) or the day is not a date. A completion on 31 August
// with 6 months expires on the last day of February, not in March.
func Expiry(completed string, months int) string {
	d, err := time.Parse(time.DateOnly, completed)
	if err != nil || months <= 0 {
		return ""
	}
	y, m, day := d.Date()
	first := time.Date(y, m+time.Month(months), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(day, last), 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// ValidOn reports whether the completion counts on day: done by then and not expired.
func (r Record) ValidOn(day string) bool {
	return r.CompletedOn <= day && (r.ExpiresOn == "" || r.ExpiresOn > day)
}

// Day is t's date in Estonia as YYYY-MM-DD.
func Day(t time.Time) string { return t.In(kovit.Estonia).Format(time.DateOnly) }

func validDay(s string) bool {
	d, err := time.Parse(time.DateOnly, s)
	return err == nil && kovit.ValidDate(d)
}
