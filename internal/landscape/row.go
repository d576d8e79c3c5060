package landscape

import (
	"strconv"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Status is where a solution is in a municipality's use.
type Status string

const (
	Planned    Status = "planned"
	Piloting   Status = "piloting"
	Production Status = "production"
	Retiring   Status = "retiring"
	Stopped    Status = "stopped"
)

// Statuses lists the statuses in the order a solution goes through them.
var Statuses = []Status{Planned, Piloting, Production, Retiring, Stopped}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return oneOf(s, Statuses) }

// Running reports whether the municipality runs the solution now, so an advisory about
// it concerns them.
func (s Status) Running() bool { return s == Piloting || s == Production || s == Retiring }

// Verdict is the TIME model's call on a solution: tolerate, invest, migrate, eliminate.
type Verdict string

const (
	Tolerate  Verdict = "tolerate"
	Invest    Verdict = "invest"
	Migrate   Verdict = "migrate"
	Eliminate Verdict = "eliminate"
)

// Verdicts lists the TIME verdicts.
var Verdicts = []Verdict{Tolerate, Invest, Migrate, Eliminate}

// Valid reports whether v is one of Verdicts or none ("").
func (v Verdict) Valid() bool { return v == "" || oneOf(v, Verdicts) }

// Integration is a link from a row's solution to another solution of the same landscape.
type Integration struct {
	SolutionID int64 `json:"solution_id"`
	// Standard is how they talk, e.g. DHX, X-tee, REST.
	Standard string `json:"standard"`
}

// Change is one step of a row's status history.
type Change struct {
	Status Status    `json:"status"`
	At     time.Time `json:"at"`
	By     string    `json:"by"`
}

// Row is one solution in one municipality's landscape.
type Row struct {
	ID               int64  `json:"id"`
	MunicipalityEHAK string `json:"municipality_ehak"`
	SolutionID       int64  `json:"solution_id"`
	// SoftwareVersion is the number of the version run, one of the solution's versions
	// when the catalogue lists any.
	SoftwareVersion string `json:"software_version"`
	Status          Status `json:"status"`
	BusinessOwner   string `json:"business_owner"`
	TechnicalOwner  string `json:"technical_owner"`
	Hosting         string `json:"hosting"`
	// The contract: only the municipality itself and coordinators see these (WithoutCosts).
	ContractType string        `json:"contract_type"`
	ContractEnd  string        `json:"contract_end"` // YYYY-MM-DD
	YearlyCost   *kovit.Money  `json:"yearly_cost"`
	OneOffCost   *kovit.Money  `json:"one_off_cost"`
	Integrations []Integration `json:"integrations"`
	Verdict      Verdict       `json:"verdict"`
	VerdictWhy   string        `json:"verdict_reason"`
	ReviewOn     string        `json:"review_on"` // YYYY-MM-DD, when to look at the verdict again
	Notes        string        `json:"notes"`
	// ConfirmedAt is when the municipality last declared the row true; a row not
	// confirmed for StaleAfter is stale.
	ConfirmedAt time.Time `json:"confirmed_at"`
	History     []Change  `json:"history"`
	Version     int       `json:"version"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// StaleAfter is how long a declaration holds before the municipality must confirm it again.
const StaleAfter = 365 * 24 * time.Hour

// Stale reports whether the row has not been confirmed for StaleAfter at now.
func (r Row) Stale(now time.Time) bool { return now.Sub(r.ConfirmedAt) > StaleAfter }

// WithoutCosts is the row as those who may not see the contract read it.
func (r Row) WithoutCosts() Row {
	r.ContractType, r.ContractEnd, r.YearlyCost, r.OneOffCost = "", "", nil, nil
	return r
}

// Normalize trims what people type and fills the defaults of a new row.
func (r *Row) Normalize() {
	for _, f := range []*string{&r.SoftwareVersion, &r.BusinessOwner, &r.TechnicalOwner, &r.Hosting, &r.ContractType,
		&r.ContractEnd, &r.VerdictWhy, &r.ReviewOn, &r.Notes} {
		*f = strings.TrimSpace(*f)
	}
	if r.Status == "" {
		r.Status = Production
	}
	ins := r.Integrations[:0:0]
	for _, in := range r.Integrations {
		in.Standard = strings.TrimSpace(in.Standard)
		if in.SolutionID != 0 {
			ins = append(ins, in)
		}
	}
	r.Integrations = ins
}

// Validate checks a row as its municipality declares it; that the solution, its version
// and the integrated solutions exist is the store's to check (CheckAgainst).
func (r Row) Validate() error {
	var p kovit.Problems
	if len(r.MunicipalityEHAK) != 4 {
		p.Add("municipality_ehak", "landscape.error.municipality")
	}
	if r.SolutionID <= 0 {
		p.Add("solution_id", "landscape.error.solution")
	}
	if kovit.TooLong(r.SoftwareVersion, 50) {
		p.Add("software_version", "error.too_long")
	}
	if !r.Status.Valid() {
		p.Add("status", "landscape.error.status")
	}
	for field, v := range map[string]string{"business_owner": r.BusinessOwner, "technical_owner": r.TechnicalOwner,
		"hosting": r.Hosting, "contract_type": r.ContractType} {
		if kovit.TooLong(v, 200) {
			p.Add(field, "error.too_long")
		}
	}
	if _, ok := Day(r.ContractEnd); !ok {
		p.Add("contract_end", "error.date")
	}
	for field, m := range map[string]*kovit.Money{"yearly_cost": r.YearlyCost, "one_off_cost": r.OneOffCost} {
		if m != nil && (*m < 0 || *m > maxMoney) {
			p.Add(field, "landscape.error.money")
		}
	}
	if len(r.Integrations) > 50 {
		p.Add("integrations", "error.too_long")
	}
	for i, in := range r.Integrations {
		if in.SolutionID == r.SolutionID {
			p.Add("integrations["+strconv.Itoa(i)+"].solution_id", "landscape.error.integration_self")
		}
		if kovit.TooLong(in.Standard, 100) {
			p.Add("integrations["+strconv.Itoa(i)+"].standard", "error.too_long")
		}
	}
	if !r.Verdict.Valid() {
		p.Add("verdict", "landscape.error.verdict")
	}
	if kovit.TooLong(r.VerdictWhy, 2000) {
		p.Add("verdict_reason", "error.too_long")
	}
	if _, ok := Day(r.ReviewOn); !ok {
		p.Add("review_on", "error.date")
	}
	if kovit.TooLong(r.Notes, 5000) {
		p.Add("notes", "error.too_long")
	}
	if r.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// CheckAgainst checks what only the catalogue can tell: the solution may be used (not a
// merged proposal) and the version run is one it lists, when it lists any.
func (r Row) CheckAgainst(s Solution) error {
	var p kovit.Problems
	if s.State == Merged {
		p.Add("solution_id", "landscape.error.solution_merged")
	}
	if r.SoftwareVersion != "" && len(s.Versions) > 0 {
		if _, ok := s.FindVersion(r.SoftwareVersion); !ok {
			p.Add("software_version", "landscape.error.unknown_version")
		}
	}
	return p.Err()
}

// maxMoney is a billion euros, far above any contract, so a typo of extra digits is caught.
const maxMoney kovit.Money = 100_000_000_000

// SignOff is the municipality IT lead's statement that the whole landscape is true.
type SignOff struct {
	MunicipalityEHAK string    `json:"municipality_ehak"`
	By               string    `json:"by"`
	At               time.Time `json:"at"`
	Rows             int       `json:"rows"`
}
