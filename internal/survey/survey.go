// Package survey is the association's yearly surveys of the municipalities (issue 16):
// questions of several types with conditions and validation rules, a per-service grid
// from the e-service catalogue, one official response per municipality answered by its
// staff and approved by its lead, prefilled from last year's, and results by peer group.
package survey

import (
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Type is a question's kind of answer.
type Type string

const (
	Single   Type = "single"   // one of Options
	Multiple Type = "multiple" // any of Options
	Number   Type = "number"   // a number within Min..Max when given
	Text     Type = "text"
	Scale    Type = "scale" // a whole number Min..Max (1..5 by default)
	Date     Type = "date"  // YYYY-MM-DD
	// ServiceGrid asks one of Options for every service of the e-service catalogue.
	ServiceGrid Type = "service_grid"
	// SolutionGrid asks one of Options for every solution of the landscape's catalogue;
	// its answer's Grid is keyed by the solution's id.
	SolutionGrid Type = "solution_grid"
)

// Types lists the question types in the order forms offer them.
var Types = []Type{Single, Multiple, Number, Text, Scale, Date, ServiceGrid, SolutionGrid}

// Valid reports whether t is one of Types.
func (t Type) Valid() bool { return oneOf(t, Types) }

// Choice reports whether answers of t are chosen among Options.
func (t Type) Choice() bool { return t == Single || t == Multiple || t.Grid() }

// Grid reports whether t asks an option for every row of a catalogue.
func (t Type) Grid() bool { return t == ServiceGrid || t == SolutionGrid }

// Limits of a survey.
const (
	MaxQuestions = 100
	MaxOptions   = 30
	MaxText      = 5000
)

// Condition shows a question only when the single-choice question Key was answered Equals.
type Condition struct {
	Key    string `json:"key"`
	Equals string `json:"equals"`
}

// Question is one question of a survey. Key names it across years: last year's answer to
// the same key and type prefills this year's.
type Question struct {
	Key      string     `json:"key"`
	Text     string     `json:"text"`
	Type     Type       `json:"type"`
	Options  []string   `json:"options"`
	Required bool       `json:"required"`
	Min      *float64   `json:"min"`
	Max      *float64   `json:"max"`
	ShowIf   *Condition `json:"show_if"`
	// Maps names the data kovit keeps that the answers feed: MapsOffering for a grid
	// whose options are the matrix's offerings. Approving a response proposes the updates.
	Maps string `json:"maps"`
}

// MapsOffering maps a per-service grid to the e-service matrix's offering of each cell.
const MapsOffering = "matrix_offering"

// MapsStatus maps a per-solution grid to the status of the municipality's landscape row
// of each solution.
const MapsStatus = "landscape_status"

// mapsValid reports whether q's mapping fits its type and options.
func mapsValid(q Question) bool {
	switch q.Maps {
	case "":
		return true
	case MapsOffering:
		return q.Type == ServiceGrid && offerings(q.Options)
	case MapsStatus:
		return q.Type == SolutionGrid && statuses(q.Options)
	}
	if strings.HasPrefix(q.Maps, MapsIndicator) {
		return indicatorMapValid(q)
	}
	return strings.HasPrefix(q.Maps, MapsPractice) && practiceMapValid(q)
}

// Survey is one year's survey.
type Survey struct {
	ID       int64  `json:"id"`
	Year     int    `json:"year"`
	Title    string `json:"title"`
	Intro    string `json:"intro"`
	Deadline string `json:"deadline"` // YYYY-MM-DD
	Open     bool   `json:"open"`
	// PublicResults lets the public read the results by peer group; no single
	// municipality's answers are ever public.
	PublicResults bool       `json:"public_results"`
	Questions     []Question `json:"questions"`
	// PreviousID is last year's survey, whose approved answers prefill this one's.
	PreviousID *int64    `json:"previous_id"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Normalize trims the texts.
func (s *Survey) Normalize() {
	s.Title = strings.TrimSpace(s.Title)
	s.Intro = strings.TrimSpace(s.Intro)
	for i := range s.Questions {
		q := &s.Questions[i]
		q.Key, q.Text = strings.TrimSpace(q.Key), strings.TrimSpace(q.Text)
		for j := range q.Options {
			q.Options[j] = strings.TrimSpace(q.Options[j])
		}
	}
}

// Validate checks a survey: every question's key, type, options, range and condition.
func (s Survey) Validate() error {
	var p kovit.Problems
	if s.Title == "" {
		p.Add("title", "error.required")
	} else if kovit.TooLong(s.Title, 300) {
		p.Add("title", "error.too_long")
	}
	if s.Year < 2000 || s.Year > 2100 {
		p.Add("year", "survey.error.year")
	}
	if kovit.TooLong(s.Intro, 20000) {
		p.Add("intro", "error.too_long")
	}
	if s.Deadline == "" {
		p.Add("deadline", "error.required")
	} else if t, err := time.Parse(time.DateOnly, s.Deadline); err != nil || !kovit.ValidDate(t) {
		p.Add("deadline", "error.date")
	}
	if len(s.Questions) == 0 {
		p.Add("questions", "survey.error.no_questions")
	} else if len(s.Questions) > MaxQuestions {
		p.Add("questions", "survey.error.too_many_questions")
	}
	seen := map[string]Question{}
	for i, q := range s.Questions {
		checkQuestion(&p, "questions["+strconv.Itoa(i)+"]", q, seen)
		seen[q.Key] = q
	}
	checkIndicatorsOnce(&p, s.Questions)
	if s.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// checkQuestion adds q's problems; earlier are the questions before it, by key, which
// alone a condition may name.
func checkQuestion(p *kovit.Problems, field string, q Question, earlier map[string]Question) {
	switch {
	case q.Key == "" || kovit.TooLong(q.Key, 40) || strings.ContainsAny(q.Key, " \t\r\n"):
		p.Add(field+".key", "survey.error.key")
	case earlier[q.Key].Key != "":
		p.Add(field+".key", "survey.error.key_repeated")
	}
	if q.Text == "" {
		p.Add(field+".text", "error.required")
	} else if kovit.TooLong(q.Text, 2000) {
		p.Add(field+".text", "error.too_long")
	}
	if !q.Type.Valid() {
		p.Add(field+".type", "survey.error.type")
		return
	}
	if q.Type.Choice() {
		if len(q.Options) < 2 || len(q.Options) > MaxOptions {
			p.Add(field+".options", "survey.error.options")
		}
		dup := map[string]bool{}
		for _, o := range q.Options {
			if o == "" || dup[o] || kovit.TooLong(o, 200) {
				p.Add(field+".options", "survey.error.option")
				break
			}
			dup[o] = true
		}
	} else if len(q.Options) > 0 {
		p.Add(field+".options", "survey.error.no_options")
	}
	if (q.Min != nil || q.Max != nil) && q.Type != Number && q.Type != Scale {
		p.Add(field+".min", "survey.error.range_type")
	}
	if q.Min != nil && q.Max != nil && *q.Min >= *q.Max {
		p.Add(field+".max", "survey.error.range")
	}
	if !mapsValid(q) {
		p.Add(field+".maps", "survey.error.maps")
	}
	if c := q.ShowIf; c != nil {
		on, ok := earlier[c.Key]
		if !ok || on.Type != Single || !oneOf(c.Equals, on.Options) {
			p.Add(field+".show_if", "survey.error.condition")
		}
	}
}

// Question returns the question with key, and whether there is one.
func (s Survey) Question(key string) (Question, bool) {
	for _, q := range s.Questions {
		if q.Key == key {
			return q, true
		}
	}
	return Question{}, false
}

func oneOf[T comparable](v T, list []T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
