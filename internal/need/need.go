// Package need is the association's fourth task: the municipalities' ICT development needs,
// collected in rounds, consolidated across municipalities, ranked, mapped to EU and national
// support measures and traced through to the projects and action-plan activities that meet them.
package need

import (
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Category is what kind of development a need asks for; the list is fixed so needs from
// different municipalities can be compared and measures can name the categories they fund.
type Category string

const (
	CatEService       Category = "eservice"
	CatSharedSystem   Category = "shared_system"
	CatInfrastructure Category = "infrastructure"
	CatSecurity       Category = "security"
	CatRecords        Category = "records"
	CatTraining       Category = "training"
	CatOther          Category = "other"
)

// Categories lists the categories in the order forms offer them.
var Categories = []Category{CatEService, CatSharedSystem, CatInfrastructure, CatSecurity, CatRecords, CatTraining, CatOther}

// Valid reports whether c is one of Categories.
func (c Category) Valid() bool { return oneOf(c, Categories) }

// Urgency is how soon a municipality needs something; its Rank feeds prioritisation.
type Urgency string

const (
	UrgencyLow      Urgency = "low"
	UrgencyMedium   Urgency = "medium"
	UrgencyHigh     Urgency = "high"
	UrgencyCritical Urgency = "critical"
)

// Urgencies lists the urgencies from least to most urgent.
var Urgencies = []Urgency{UrgencyLow, UrgencyMedium, UrgencyHigh, UrgencyCritical}

// Valid reports whether u is one of Urgencies.
func (u Urgency) Valid() bool { return oneOf(u, Urgencies) }

// Rank is 1 for low up to 4 for critical, 0 for an unknown urgency.
func (u Urgency) Rank() int {
	for i, x := range Urgencies {
		if x == u {
			return i + 1
		}
	}
	return 0
}

// Need is one municipality's ICT development need.
type Need struct {
	ID               int64  `json:"id"`
	MunicipalityEHAK string `json:"municipality_ehak"`
	// RoundID is the collection round the need was submitted in; null outside rounds.
	RoundID     *int64   `json:"round_id"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	Category    Category `json:"category"`
	// ServiceCodes are codes of the e-service catalogue the need concerns.
	ServiceCodes []string `json:"service_codes"`
	// Systems names the information systems concerned, in free text.
	Systems      string       `json:"systems"`
	Cost         *kovit.Money `json:"cost"` // estimated, in euros; null when unknown
	Urgency      Urgency      `json:"urgency"`
	Timeframe    string       `json:"timeframe"` // desired, e.g. "2027" or "2027 II pa"
	ContactName  string       `json:"contact_name"`
	ContactEmail string       `json:"contact_email"`
	State        State        `json:"state"`
	// StateReason is why the need was last moved, e.g. why it was rejected or returned.
	StateReason string `json:"state_reason"`
	// DuplicateOf is the need this one repeats, when State is duplicate.
	DuplicateOf *int64 `json:"duplicate_of"`
	// ConsolidatedID is the consolidated need this one was accepted into.
	ConsolidatedID *int64    `json:"consolidated_id"`
	Version        int       `json:"version"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Normalize trims what people type and fills the defaults of a new need.
func (n *Need) Normalize() {
	n.Title = strings.TrimSpace(n.Title)
	n.Description = strings.TrimSpace(n.Description)
	n.Systems = strings.TrimSpace(n.Systems)
	n.Timeframe = strings.TrimSpace(n.Timeframe)
	n.ContactName = strings.TrimSpace(n.ContactName)
	n.ContactEmail = strings.TrimSpace(n.ContactEmail)
	codes := n.ServiceCodes[:0:0]
	for _, c := range n.ServiceCodes {
		if c = strings.TrimSpace(c); c != "" && !contains(codes, c) {
			codes = append(codes, c)
		}
	}
	n.ServiceCodes = codes
	if n.State == "" {
		n.State = Draft
	}
	if n.Urgency == "" {
		n.Urgency = UrgencyMedium
	}
}

// Validate checks the fields a municipality fills in. That service codes exist in the
// catalogue is the store's to check.
func (n Need) Validate() error {
	var p kovit.Problems
	if len(n.MunicipalityEHAK) != 4 {
		p.Add("municipality_ehak", "need.error.municipality")
	}
	required(&p, "title", n.Title, 300)
	if kovit.TooLong(n.Description, 20000) {
		p.Add("description", "error.too_long")
	}
	if !n.Category.Valid() {
		p.Add("category", "need.error.category")
	}
	if len(n.ServiceCodes) > 50 {
		p.Add("service_codes", "error.too_long")
	}
	if kovit.TooLong(n.Systems, 1000) {
		p.Add("systems", "error.too_long")
	}
	if n.Cost != nil && (*n.Cost < 0 || *n.Cost > maxMoney) {
		p.Add("cost", "need.error.money")
	}
	if !n.Urgency.Valid() {
		p.Add("urgency", "need.error.urgency")
	}
	if kovit.TooLong(n.Timeframe, 100) {
		p.Add("timeframe", "error.too_long")
	}
	if kovit.TooLong(n.ContactName, 200) {
		p.Add("contact_name", "error.too_long")
	}
	if n.ContactEmail != "" && !kovit.ValidEmail(n.ContactEmail) {
		p.Add("contact_email", "error.email")
	}
	if !n.State.Valid() {
		p.Add("state", "need.error.state")
	}
	if n.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// maxMoney is a billion euros, far above any need or measure, so a typo of extra digits
// is caught.
const maxMoney kovit.Money = 100_000_000_000

func required(p *kovit.Problems, field, v string, max int) {
	if strings.TrimSpace(v) == "" {
		p.Add(field, "error.required")
	} else if kovit.TooLong(v, max) {
		p.Add(field, "error.too_long")
	}
}

func oneOf[T comparable](v T, list []T) bool { return contains(list, v) }

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
