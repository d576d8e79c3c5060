package survey

import (
	"math"
	"slices"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// State is where a municipality's response stands.
type State string

const (
	Draft     State = "draft"     // being answered by the municipality's staff
	Submitted State = "submitted" // waiting for the municipality's lead
	Approved  State = "approved"  // the municipality's official answer
)

// Answer is the answer to one question; the field its type uses is set.
type Answer struct {
	Text    string            `json:"text,omitempty"`    // single, text, date
	Choices []string          `json:"choices,omitempty"` // multiple
	Number  *float64          `json:"number,omitempty"`  // number, scale
	Grid    map[string]string `json:"grid,omitempty"`    // service_grid: an option per service code; solution_grid: per solution id
}

// Empty reports whether a says nothing.
func (a Answer) Empty() bool {
	return strings.TrimSpace(a.Text) == "" && len(a.Choices) == 0 && a.Number == nil && len(a.Grid) == 0
}

// Response is one municipality's response to one survey.
type Response struct {
	SurveyID         int64             `json:"survey_id"`
	MunicipalityEHAK string            `json:"municipality_ehak"`
	Answers          map[string]Answer `json:"answers"`
	State            State             `json:"state"`
	// Prefilled lists the questions whose answers came from last year's response and
	// have not been confirmed or changed since.
	Prefilled  []string   `json:"prefilled"`
	ApprovedBy string     `json:"approved_by"`
	ApprovedAt *time.Time `json:"approved_at"`
	Version    int        `json:"version"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// Shown reports whether question q is asked, given the answers so far.
func Shown(q Question, answers map[string]Answer) bool {
	return q.ShowIf == nil || answers[q.ShowIf.Key].Text == q.ShowIf.Equals
}

// Check cleans answers against the survey (answers to hidden or unknown questions
// dropped, texts trimmed) and validates them; services are the e-service catalogue's codes
// a service grid asks about, solutions the landscape catalogue's ids (as text) a solution
// grid asks about. complete asks every required shown question to be answered, as submitting
// does; a draft may be partial.
func Check(s Survey, answers map[string]Answer, services, solutions []string, complete bool) (map[string]Answer, error) {
	var p kovit.Problems
	out := map[string]Answer{}
	for _, q := range s.Questions {
		a, given := answers[q.Key]
		a.Text = strings.TrimSpace(a.Text)
		if !Shown(q, out) || !given || a.Empty() {
			if complete && q.Required && Shown(q, out) {
				p.Add("answers."+q.Key, "survey.error.required")
			}
			continue
		}
		if key := checkAnswer(q, a, services, solutions); key != "" {
			p.Add("answers."+q.Key, key)
			continue
		}
		out[q.Key] = a
	}
	for key := range answers {
		if _, ok := s.Question(key); !ok {
			p.Add("answers."+key, "survey.error.unknown_question")
		}
	}
	return out, p.Err()
}

// checkAnswer is the translation key of what is wrong with a, or "".
func checkAnswer(q Question, a Answer, services, solutions []string) string {
	switch q.Type {
	case Single:
		if !oneOf(a.Text, q.Options) {
			return "survey.error.option_unknown"
		}
	case Multiple:
		for _, c := range a.Choices {
			if !oneOf(c, q.Options) {
				return "survey.error.option_unknown"
			}
		}
	case Text:
		if kovit.TooLong(a.Text, MaxText) {
			return "error.too_long"
		}
	case Date:
		if t, err := time.Parse(time.DateOnly, a.Text); err != nil || !kovit.ValidDate(t) {
			return "error.date"
		}
	case Number, Scale:
		if a.Number == nil || math.IsNaN(*a.Number) || math.IsInf(*a.Number, 0) {
			return "error.number"
		}
		lo, hi := q.Min, q.Max
		if q.Type == Scale {
			if *a.Number != math.Trunc(*a.Number) {
				return "survey.error.whole"
			}
			if lo == nil {
				lo = ptr(1)
			}
			if hi == nil {
				hi = ptr(5)
			}
		}
		if (lo != nil && *a.Number < *lo) || (hi != nil && *a.Number > *hi) {
			return "survey.error.out_of_range"
		}
	case ServiceGrid:
		for code, v := range a.Grid {
			if !slices.Contains(services, code) {
				return "survey.error.service"
			}
			if !oneOf(v, q.Options) {
				return "survey.error.option_unknown"
			}
		}
	case SolutionGrid:
		for id, v := range a.Grid {
			if !slices.Contains(solutions, id) {
				return "survey.error.solution"
			}
			if !oneOf(v, q.Options) {
				return "survey.error.option_unknown"
			}
		}
	}
	return ""
}

func ptr(f float64) *float64 { return &f }

// Prefill takes last year's answers into a new response: each question of s whose key
// and type were asked last year keeps last year's answer, marked prefilled so the
// municipality confirms or changes it.
func Prefill(s Survey, last Survey, answers map[string]Answer) Response {
	r := Response{SurveyID: s.ID, Answers: map[string]Answer{}, State: Draft, Prefilled: []string{}}
	for _, q := range s.Questions {
		was, ok := last.Question(q.Key)
		a, answered := answers[q.Key]
		if ok && answered && was.Type == q.Type {
			r.Answers[q.Key] = a
			r.Prefilled = append(r.Prefilled, q.Key)
		}
	}
	return r
}
