// Package plan is the association's first task: the local governments' ICT strategies, their
// tree of goals, action directions and activities, the municipalities taking part in joint
// activities, tasks, indicators, and the rules that roll progress up and find what needs attention.
package plan

import (
	"strings"
	"time"

	"kovit/internal/kovit"
)

// StrategyStatus is where a strategy is in its life; drafts are never public.
type StrategyStatus string

const (
	Draft    StrategyStatus = "draft"
	Adopted  StrategyStatus = "adopted"
	Archived StrategyStatus = "archived"
)

// Valid reports whether s is one of the three statuses.
func (s StrategyStatus) Valid() bool { return s == Draft || s == Adopted || s == Archived }

// Public reports whether the public may see a strategy in this status.
func (s StrategyStatus) Public() bool { return s == Adopted || s == Archived }

// Writable refuses a change to a strategy in this status or to anything under it: an
// archived strategy is a record of what was, read-only until a coordinator reopens it by
// changing its status (auth.CanReopenStrategy).
func (s StrategyStatus) Writable() error {
	if s == Archived {
		return kovit.Errorf(kovit.EConflict, "plan.error.archived")
	}
	return nil
}

// Strategy is one strategy or action plan: the national ones, or a municipality's own.
type Strategy struct {
	ID int64 `json:"id"`
	// Code is a stable key for strategies loaded from reference data, so loading again finds
	// them; strategies made in the UI leave it empty.
	Code          string         `json:"code,omitempty"`
	TitleEt       string         `json:"title_et"`
	TitleEn       string         `json:"title_en"`
	StartYear     int            `json:"start_year"`
	EndYear       int            `json:"end_year"`
	Status        StrategyStatus `json:"status"`
	OwnerID       *int64         `json:"owner_id"` // an Organisation
	DescriptionEt string         `json:"description_et"`
	DescriptionEn string         `json:"description_en"`
	SourceURL     string         `json:"source_url"`
	Levels        Levels         `json:"levels"`
	Statuses      Statuses       `json:"statuses"`
	// StaleAfterDays is how long an open activity may go without any change before it
	// needs attention.
	StaleAfterDays int       `json:"stale_after_days"`
	Version        int       `json:"version"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Title returns the strategy's title in lang, falling back to the other language; en
// reports whether the English title was used, so a page can mark it as such.
func (s Strategy) Title(lang string) (title string, en bool) { return pick(lang, s.TitleEt, s.TitleEn) }

// pick chooses the text for lang; Estonian is missing for some seeded strategies.
func pick(lang, et, en string) (string, bool) {
	if (lang == "en" && en != "") || et == "" {
		return en, en != ""
	}
	return et, false
}

// DefaultStaleAfterDays is a quarter: progress is reported at least that often.
const DefaultStaleAfterDays = 90

// WithDefaults fills the level names, status list and stale setting a new strategy leaves
// empty, so a coordinator need only change what differs.
func (s Strategy) WithDefaults() Strategy {
	s.Levels = s.Levels.withDefaults()
	if len(s.Statuses) == 0 {
		s.Statuses = DefaultStatuses()
	}
	if s.StaleAfterDays == 0 {
		s.StaleAfterDays = DefaultStaleAfterDays
	}
	return s
}

// Validate checks every field of a strategy, with defaults already applied.
func (s Strategy) Validate() error {
	var p kovit.Problems
	if strings.TrimSpace(s.TitleEt) == "" && strings.TrimSpace(s.TitleEn) == "" {
		p.Add("title_et", "error.required")
	}
	textLimits(&p, 300, "title_et", s.TitleEt, "title_en", s.TitleEn)
	textLimits(&p, 20000, "description_et", s.DescriptionEt, "description_en", s.DescriptionEn)
	if kovit.TooLong(s.Code, 20) {
		p.Add("code", "error.too_long")
	}
	if !validYear(s.StartYear) {
		p.Add("start_year", "plan.error.year")
	}
	if !validYear(s.EndYear) {
		p.Add("end_year", "plan.error.year")
	} else if validYear(s.StartYear) && s.EndYear < s.StartYear {
		p.Add("end_year", "plan.error.period")
	}
	if !s.Status.Valid() {
		p.Add("status", "plan.error.strategy_status")
	}
	if s.SourceURL != "" && (!kovit.ValidURL(s.SourceURL) || kovit.TooLong(s.SourceURL, 500)) {
		p.Add("source_url", "error.url")
	}
	s.Levels.validate(&p)
	validateStatuses(&p, s.Statuses)
	if s.StaleAfterDays < 1 || s.StaleAfterDays > 3650 {
		p.Add("stale_after_days", "plan.error.stale_days")
	}
	if s.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

func validYear(y int) bool { return y >= 1990 && y <= 2100 }

// textLimits adds error.too_long for each name/value pair longer than max characters.
func textLimits(p *kovit.Problems, max int, pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		if kovit.TooLong(pairs[i+1], max) {
			p.Add(pairs[i], "error.too_long")
		}
	}
}

// LevelName is what one level of the tree is called in a strategy.
type LevelName struct {
	Et string `json:"et"`
	En string `json:"en"`
}

// Levels names the four levels of a strategy's tree; strategies word them differently.
type Levels struct {
	Goal      LevelName `json:"goal"`
	Direction LevelName `json:"direction"`
	Activity  LevelName `json:"activity"`
	Task      LevelName `json:"task"`
}

// DefaultLevels are the names the association uses.
func DefaultLevels() Levels {
	return Levels{
		Goal:      LevelName{"eesmärk", "goal"},
		Direction: LevelName{"tegevussuund", "action direction"},
		Activity:  LevelName{"tegevus", "activity"},
		Task:      LevelName{"ülesanne", "task"},
	}
}

// Of returns the name of the level of kind; TaskLevel is the tasks'.
func (l Levels) Of(k Kind) LevelName {
	switch k {
	case Goal:
		return l.Goal
	case Direction:
		return l.Direction
	case TaskLevel:
		return l.Task
	}
	return l.Activity
}

func (l Levels) withDefaults() Levels {
	d := DefaultLevels()
	for _, pair := range []struct{ v, def *LevelName }{{&l.Goal, &d.Goal}, {&l.Direction, &d.Direction}, {&l.Activity, &d.Activity}, {&l.Task, &d.Task}} {
		if pair.v.Et == "" && pair.v.En == "" {
			*pair.v = *pair.def
		}
	}
	return l
}

func (l Levels) validate(p *kovit.Problems) {
	for _, f := range []struct {
		name string
		v    LevelName
	}{{"levels.goal", l.Goal}, {"levels.direction", l.Direction}, {"levels.activity", l.Activity}, {"levels.task", l.Task}} {
		if strings.TrimSpace(f.v.Et) == "" {
			p.Add(f.name, "error.required")
		}
		if kovit.TooLong(f.v.Et, 60) || kovit.TooLong(f.v.En, 60) {
			p.Add(f.name, "error.too_long")
		}
	}
}
