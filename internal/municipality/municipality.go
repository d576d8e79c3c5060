// Package municipality is Estonia's 79 local governments (KOV) and 15 counties, keyed by
// their EHAK codes: the reference facts, the editable website and IT contact, and how
// lists of them are filtered, searched and sorted.
package municipality

import (
	"context"
	"time"

	"kovit/internal/kovit"
)

// Type is the kind of local government: a city (linn) or a rural municipality (vald).
type Type string

const (
	City  Type = "linn"
	Rural Type = "vald"
)

// Valid reports whether t is one of the two kinds.
func (t Type) Valid() bool { return t == City || t == Rural }

// Municipality is one local government.
type Municipality struct {
	EHAK           string    `json:"ehak"`
	Name           string    `json:"name"`
	Type           Type      `json:"type"`
	CountyEHAK     string    `json:"county_ehak"`
	CountyName     string    `json:"county_name"`
	Population     int       `json:"population"`
	PopulationYear int       `json:"population_year"`
	AreaKm2        *float64  `json:"area_km2"`
	Website        string    `json:"website"`
	Contact        Contact   `json:"contact"`
	Version        int       `json:"version"`
	UpdatedAt      time.Time `json:"updated_at"`
}

// Contact is the municipality's IT contact person.
type Contact struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// County is one of the 15 counties with the totals of its municipalities.
type County struct {
	EHAK           string `json:"ehak"`
	Name           string `json:"name"`
	Municipalities int    `json:"municipalities"`
	Population     int    `json:"population"`
}

// Details is what a municipality's editors may change. Version is the version the editor
// saw; a save based on an older one is refused so that no edit is silently lost.
type Details struct {
	Website string  `json:"website"`
	Contact Contact `json:"contact"`
	Version int     `json:"version"`
}

// Validate checks every field and reports all problems at once.
func (d Details) Validate() error {
	var p kovit.Problems
	if d.Website != "" && (!kovit.ValidURL(d.Website) || kovit.TooLong(d.Website, 300)) {
		p.Add("website", "error.url")
	}
	if kovit.TooLong(d.Contact.Name, 200) {
		p.Add("contact_name", "error.too_long")
	}
	if d.Contact.Email != "" && !kovit.ValidEmail(d.Contact.Email) {
		p.Add("contact_email", "error.email")
	}
	if d.Contact.Phone != "" && !kovit.ValidPhone(d.Contact.Phone) {
		p.Add("contact_phone", "error.phone")
	}
	if d.Version < 1 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// Stats are the live counts shown on the home page.
type Stats struct {
	Municipalities int `json:"municipalities"`
	Cities         int `json:"cities"`
	Counties       int `json:"counties"`
	Population     int `json:"population"`
	WithContact    int `json:"with_contact"`
}

// Store is what the module needs from storage.
type Store interface {
	ListMunicipalities(ctx context.Context, f Filter) ([]Municipality, int, error)
	Municipality(ctx context.Context, ehak string) (Municipality, error)
	UpdateDetails(ctx context.Context, ehak string, d Details) (Municipality, error)
	ListCounties(ctx context.Context) ([]County, error)
	County(ctx context.Context, ehak string) (County, error)
	Stats(ctx context.Context) (Stats, error)
	// LoadReference inserts the reference list where a code is not yet stored; it never
	// overwrites what users have entered.
	LoadReference(ctx context.Context, counties []County, ms []Municipality) error
}
