package need

import (
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// MeasureStatus is where a support measure is in its life.
type MeasureStatus string

const (
	MeasureProposed    MeasureStatus = "proposed"    // by the association
	MeasurePreparation MeasureStatus = "preparation" // by the ministry
	MeasureOpen        MeasureStatus = "open"        // for applications
	MeasureClosed      MeasureStatus = "closed"
)

// MeasureStatuses lists the statuses in order.
var MeasureStatuses = []MeasureStatus{MeasureProposed, MeasurePreparation, MeasureOpen, MeasureClosed}

// Valid reports whether s is one of MeasureStatuses.
func (s MeasureStatus) Valid() bool { return oneOf(s, MeasureStatuses) }

// Measure is an EU or national support measure that consolidated needs are mapped to.
type Measure struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// Funder is who pays, e.g. "ERF via the Ministry of Finance" or "state budget".
	Funder    string      `json:"funder"`
	StartYear int         `json:"start_year"`
	EndYear   int         `json:"end_year"`
	Budget    kovit.Money `json:"budget"`
	// MaxGrant caps what one municipality may receive; 0 means no cap.
	MaxGrant kovit.Money `json:"max_grant"`
	// CoFinancing is the share of the cost, in per cent, that a municipality pays itself.
	CoFinancing int           `json:"co_financing"`
	Eligibility Eligibility   `json:"eligibility"`
	OpensOn     string        `json:"opens_on"`  // YYYY-MM-DD or ""
	ClosesOn    string        `json:"closes_on"` // YYYY-MM-DD or ""
	Status      MeasureStatus `json:"status"`
	Published   bool          `json:"published"`
	Version     int           `json:"version"`
	CreatedAt   time.Time     `json:"created_at"`
	UpdatedAt   time.Time     `json:"updated_at"`
}

// Eligibility is who and what a measure may fund; empty lists and zero bounds allow all.
type Eligibility struct {
	Types         []municipality.Type `json:"types"`
	MinPopulation int                 `json:"min_population"`
	MaxPopulation int                 `json:"max_population"`
	Categories    []Category          `json:"categories"`
}

// Normalize trims the texts and keeps lists non-nil.
func (m *Measure) Normalize() {
	m.Name = strings.TrimSpace(m.Name)
	m.Description = strings.TrimSpace(m.Description)
	m.Funder = strings.TrimSpace(m.Funder)
	if m.Eligibility.Types == nil {
		m.Eligibility.Types = []municipality.Type{}
	}
	if m.Eligibility.Categories == nil {
		m.Eligibility.Categories = []Category{}
	}
	if m.Status == "" {
		m.Status = MeasureProposed
	}
}

// Validate checks every field of a measure.
func (m Measure) Validate() error {
	var p kovit.Problems
	required(&p, "name", m.Name, 300)
	if kovit.TooLong(m.Description, 20000) {
		p.Add("description", "error.too_long")
	}
	if kovit.TooLong(m.Funder, 300) {
		p.Add("funder", "error.too_long")
	}
	if m.StartYear < 2000 || m.StartYear > 2100 {
		p.Add("start_year", "need.error.year")
	}
	if m.EndYear < 2000 || m.EndYear > 2100 {
		p.Add("end_year", "need.error.year")
	} else if m.EndYear < m.StartYear {
		p.Add("end_year", "need.error.period")
	}
	if m.Budget < 0 || m.Budget > maxMoney {
		p.Add("budget", "need.error.money")
	}
	if m.MaxGrant < 0 || m.MaxGrant > maxMoney {
		p.Add("max_grant", "need.error.money")
	}
	if m.CoFinancing < 0 || m.CoFinancing > 100 {
		p.Add("co_financing", "need.error.percent")
	}
	e := m.Eligibility
	for _, t := range e.Types {
		if !t.Valid() {
			p.Add("eligibility.types", "error.type")
			break
		}
	}
	for _, c := range e.Categories {
		if !c.Valid() {
			p.Add("eligibility.categories", "need.error.category")
			break
		}
	}
	if e.MinPopulation < 0 {
		p.Add("eligibility.min_population", "need.error.population")
	}
	if e.MaxPopulation < 0 || (e.MaxPopulation > 0 && e.MaxPopulation < e.MinPopulation) {
		p.Add("eligibility.max_population", "need.error.population")
	}
	opens, okOpen := date(m.OpensOn)
	closes, okClose := date(m.ClosesOn)
	if !okOpen {
		p.Add("opens_on", "error.date")
	}
	if !okClose {
		p.Add("closes_on", "error.date")
	} else if !opens.IsZero() && !closes.IsZero() && closes.Before(opens) {
		p.Add("closes_on", "need.error.closes_before_opens")
	}
	if !m.Status.Valid() {
		p.Add("status", "need.error.measure_status")
	}
	if m.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// date parses an optional YYYY-MM-DD date; ok is false for anything else.
func date(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil && kovit.ValidDate(t)
}

// Check reports whether municipality m may apply, and if not every reason why, as
// translation keys.
func (e Eligibility) Check(m municipality.Municipality) (ok bool, reasons []string) {
	if len(e.Types) > 0 && !contains(e.Types, m.Type) {
		reasons = append(reasons, "need.ineligible.type")
	}
	if e.MinPopulation > 0 && m.Population < e.MinPopulation {
		reasons = append(reasons, "need.ineligible.too_small")
	}
	if e.MaxPopulation > 0 && m.Population > e.MaxPopulation {
		reasons = append(reasons, "need.ineligible.too_large")
	}
	return len(reasons) == 0, reasons
}

// Funds reports whether the measure funds needs of category c.
func (e Eligibility) Funds(c Category) bool {
	return len(e.Categories) == 0 || contains(e.Categories, c)
}
