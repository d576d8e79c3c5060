// Package eservice is the association's second task: citizen-facing municipal services,
// the maturity scale that says how far each is online, and the municipality × service
// matrix that records, with evidence and verification, which municipality offers what.
package eservice

import (
	"context"
	"strings"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/municipality"
)

// Service is one municipal service in the catalogue, keyed by a stable code.
type Service struct {
	Code          string    `json:"code"`
	NameEt        string    `json:"name_et"`
	NameEn        string    `json:"name_en"`
	Area          string    `json:"area"`
	LifeEvent     string    `json:"life_event"`
	DescriptionEt string    `json:"description_et"`
	DescriptionEn string    `json:"description_en"`
	LegalBasisURL string    `json:"legal_basis_url"`
	Channels      []string  `json:"channels"`
	Retired       bool      `json:"retired"`
	Version       int       `json:"version"`
	UpdatedAt     time.Time `json:"updated_at"`
}

// Name returns the service's name in lang, falling back to Estonian.
func (s Service) Name(lang string) string {
	if lang == "en" && s.NameEn != "" {
		return s.NameEn
	}
	return s.NameEt
}

// Validate checks a service; codes look like SOC-001.
func (s Service) Validate() error {
	var p kovit.Problems
	if !validCode(s.Code) {
		p.Add("code", "error.service_code")
	}
	if strings.TrimSpace(s.NameEt) == "" {
		p.Add("name_et", "error.required")
	}
	if strings.TrimSpace(s.Area) == "" {
		p.Add("area", "error.required")
	}
	for _, f := range []struct{ name, v string }{{"name_et", s.NameEt}, {"name_en", s.NameEn}, {"area", s.Area}, {"life_event", s.LifeEvent}} {
		if kovit.TooLong(f.v, 200) {
			p.Add(f.name, "error.too_long")
		}
	}
	if s.LegalBasisURL != "" && !kovit.ValidURL(s.LegalBasisURL) {
		p.Add("legal_basis_url", "error.url")
	}
	return p.Err()
}

func validCode(c string) bool {
	if len(c) < 3 || len(c) > 20 {
		return false
	}
	for _, r := range c {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// Offering says whether a municipality provides a service at all.
type Offering string

const (
	Offered       Offering = "offered"
	NotOffered    Offering = "not_offered"
	NotApplicable Offering = "not_applicable" // e.g. no harbour, so no harbour services
	// Unknown is a cell never filled in: the municipality has not said, which is not
	// "not offered". No one can set a cell to it.
	Unknown Offering = "unknown"
)

// Verification is where a cell stands between a municipality's claim and a coordinator's check.
type Verification string

const (
	SelfReported Verification = "self_reported"
	Verified     Verification = "verified"
	Returned     Verification = "returned"
)

// Cell is one municipality's state for one service.
type Cell struct {
	MunicipalityEHAK  string       `json:"municipality_ehak"`
	ServiceCode       string       `json:"service_code"`
	Offering          Offering     `json:"offering"`
	Met               []int64      `json:"criteria_met"` // ids of the criteria met
	Level             int          `json:"level"`        // computed from Met by the scale
	URL               string       `json:"url"`
	System            string       `json:"system"`
	EvidenceURL       string       `json:"evidence_url"`
	EvidenceCheckedOn *time.Time   `json:"evidence_checked_on"`
	Verification      Verification `json:"verification"`
	ReturnReason      string       `json:"return_reason"`
	Version           int          `json:"version"` // 0: never filled in
	UpdatedAt         time.Time    `json:"updated_at,omitzero"`
	UpdatedBy         string       `json:"updated_by"`
	// ConfirmedAt is when the municipality last said the cell is current, by saving it
	// or confirming it unchanged; nil for a cell never filled in. A confirmation is not a
	// change: it leaves the version, the verification and updated_at alone.
	ConfirmedAt *time.Time `json:"confirmed_at"`
}

// UnknownCell is a cell never filled in.
func UnknownCell(ehak, code string) Cell {
	return Cell{MunicipalityEHAK: ehak, ServiceCode: code, Offering: Unknown, Verification: SelfReported}
}

// CellInput is what a municipality's editor reports for a cell.
type CellInput struct {
	Offering          Offering   `json:"offering"`
	Met               []int64    `json:"criteria_met"`
	URL               string     `json:"url"`
	System            string     `json:"system"`
	EvidenceURL       string     `json:"evidence_url"`
	EvidenceCheckedOn *time.Time `json:"evidence_checked_on"`
	Version           int        `json:"version"`
}

// Validate checks the input against the scale's criteria.
func (in CellInput) Validate(scale Scale) error {
	var p kovit.Problems
	switch in.Offering {
	case Offered, NotOffered, NotApplicable:
	default:
		p.Add("offering", "error.offering")
	}
	known := scale.criterionIDs()
	for _, id := range in.Met {
		if !known[id] {
			p.Add("criteria_met", "error.unknown_criterion")
			break
		}
	}
	if in.Offering != Offered && len(in.Met) > 0 && !p.Has("criteria_met") {
		p.Add("criteria_met", "error.criteria_not_offered")
	}
	for _, f := range []struct{ name, v string }{{"url", in.URL}, {"evidence_url", in.EvidenceURL}} {
		if f.v != "" && !kovit.ValidURL(f.v) {
			p.Add(f.name, "error.url")
		}
	}
	if d := in.EvidenceCheckedOn; d != nil && !kovit.ValidDate(*d) {
		p.Add("evidence_checked_on", "error.date")
	}
	if kovit.TooLong(in.System, 200) {
		p.Add("system", "error.too_long")
	}
	if in.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// RowInput is one row of a municipality's one-page form: the input for one service.
type RowInput struct {
	ServiceCode string
	In          CellInput
}

// Review is a coordinator's verdict on a cell.
type Review struct {
	Verification Verification `json:"verification"` // Verified or Returned
	Reason       string       `json:"reason"`       // required when returned
	Version      int          `json:"version"`
}

// Validate checks a review.
func (r Review) Validate() error {
	var p kovit.Problems
	switch r.Verification {
	case Verified:
	case Returned:
		if strings.TrimSpace(r.Reason) == "" {
			p.Add("reason", "error.required")
		}
	default:
		p.Add("verification", "error.verification")
	}
	if kovit.TooLong(r.Reason, 1000) {
		p.Add("reason", "error.too_long")
	}
	if r.Version < 1 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// Store is what the module needs from storage.
type Store interface {
	ListServices(ctx context.Context, includeRetired bool) ([]Service, error)
	Service(ctx context.Context, code string) (Service, error)
	CreateService(ctx context.Context, s Service) (Service, error)
	UpdateService(ctx context.Context, s Service) (Service, error)
	Scale(ctx context.Context) (Scale, error)
	UpdateCriterion(ctx context.Context, c Criterion) (Criterion, error)
	Cells(ctx context.Context, f CellFilter) ([]Cell, error)
	// Grid is every cell, indexed. It is shared: read it, never change it.
	Grid(ctx context.Context) (Grid, error)
	// LevelGrid holds at least the cells of the municipalities and services named, for a
	// page that shows only those: their offering and level, and a Version above 0 when
	// filled in (the store may keep only these of a large country's cells). Shared: read it.
	LevelGrid(ctx context.Context, ehaks, codes []string) (Grid, error)
	// MunicipalityStats is each municipality's MunicipalityStatsOf over services, in order.
	MunicipalityStats(ctx context.Context, ehaks []string, services []Service) ([]MunicipalityStats, error)
	// Totals is every service's national totals, kept up to date by every change.
	Totals(ctx context.Context) (Totals, error)
	// VerificationQueue is the cells of active services awaiting a coordinator's
	// verification that f chooses, oldest first (then by municipality and service code),
	// at most f.Limit of them, and how many there are. A large country's are read by index,
	// never all of them.
	VerificationQueue(ctx context.Context, f QueueFilter) ([]Cell, int, error)
	Cell(ctx context.Context, ehak, code string) (Cell, error)
	SaveCell(ctx context.Context, ehak, code string, in CellInput) (Cell, error)
	// SaveMunicipalityCells saves one municipality's rows of the one-page form together
	// or not at all, and returns how many cells changed. A row that changes nothing is
	// skipped (no audit event, no new version); a stale row makes the whole save a
	// conflict whose fields name each stale row by its service code.
	SaveMunicipalityCells(ctx context.Context, ehak string, rows []RowInput) (int, error)
	// ConfirmCells records that a municipality's filled cells of the given services are
	// still current, and returns how many it confirmed.
	ConfirmCells(ctx context.Context, ehak string, codes []string) (int, error)
	ReviewCell(ctx context.Context, ehak, code string, r Review) (Cell, error)
	// ImportCells saves the rows of an imported file in one transaction (see ParseImport)
	// and returns how many cells changed.
	ImportCells(ctx context.Context, rows []ImportRow) (int, error)
	// TakeSnapshot records every cell's level for month (YYYY-MM); taking it again
	// replaces that month's snapshot.
	TakeSnapshot(ctx context.Context, month string) error
	Snapshots(ctx context.Context, serviceCode string) ([]SnapshotCell, error)
	SnapshotMonths(ctx context.Context) ([]string, error)
	// MunicipalitySnapshots returns every snapshotted cell of one municipality.
	MunicipalitySnapshots(ctx context.Context, ehak string) ([]SnapshotCell, error)
	// SnapshotTallies counts each service's cells in every snapshot from month since
	// (YYYY-MM) on, oldest first.
	SnapshotTallies(ctx context.Context, since string) ([]SnapshotTally, error)
	LoadServices(ctx context.Context, services []Service, scale Scale) error
	// RowGrid holds at least the whole cells (every field and criterion) of the
	// municipalities named, at most sqlstore.MaxRowBlock of them: a large country's
	// matrix API and export read it a block of rows at a time. Shared: read it.
	RowGrid(ctx context.Context, ehaks []string) (Grid, error)
	// ServiceStats is each service's Grid.StatsOf over ms, in order.
	ServiceStats(ctx context.Context, ms []municipality.Municipality, services []Service) ([]ServiceStats, error)
	// EachServiceOffers calls fn with each of services' offered cells by municipality,
	// with at least their offering and link, service by service in the order given (i
	// its index; services are in the catalogue's order), stopping at fn's first error.
	EachServiceOffers(ctx context.Context, services []Service, fn func(i int, offers map[string]Cell) error) error
}

// CellFilter selects cells; empty fields do not filter.
type CellFilter struct {
	MunicipalityEHAK string
	ServiceCode      string
}

// SnapshotCell is one cell's state at the end of a month.
type SnapshotCell struct {
	Month            string   `json:"month"`
	MunicipalityEHAK string   `json:"municipality_ehak"`
	ServiceCode      string   `json:"service_code"`
	Offering         Offering `json:"offering"`
	Level            int      `json:"level"`
}
