package security

import (
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Assessment is one municipality's part of a round: its chosen target tier, its
// management's sign-off and the day the report went to the council.
type Assessment struct {
	ID               int64     `json:"id"`
	RoundID          int64     `json:"round_id"`
	MunicipalityEHAK string    `json:"municipality_ehak"`
	TargetTier       Tier      `json:"target_tier"`
	SignedOffBy      string    `json:"signed_off_by"` // who in management signed it off
	SignedOffOn      string    `json:"signed_off_on"` // YYYY-MM-DD, or ""
	CouncilDate      string    `json:"council_date"`  // YYYY-MM-DD the report went to the council, or ""
	PrefilledFrom    *int64    `json:"prefilled_from"`
	Version          int       `json:"version"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

// Normalize trims the texts.
func (a *Assessment) Normalize() {
	a.SignedOffBy = strings.TrimSpace(a.SignedOffBy)
	a.SignedOffOn = strings.TrimSpace(a.SignedOffOn)
	a.CouncilDate = strings.TrimSpace(a.CouncilDate)
}

// Validate checks the report's fields: a sign-off names who and when, together.
func (a Assessment) Validate() error {
	var p kovit.Problems
	if !a.TargetTier.Valid() {
		p.Add("target_tier", "security.error.tier")
	}
	if kovit.TooLong(a.SignedOffBy, 200) {
		p.Add("signed_off_by", "error.too_long")
	}
	if a.SignedOffOn != "" {
		dateField(&p, "signed_off_on", a.SignedOffOn)
	}
	if (a.SignedOffBy == "") != (a.SignedOffOn == "") {
		if a.SignedOffBy == "" {
			p.Add("signed_off_by", "security.error.sign_off_both")
		} else {
			p.Add("signed_off_on", "security.error.sign_off_both")
		}
	}
	if a.CouncilDate != "" {
		if dateField(&p, "council_date", a.CouncilDate) != "" && a.SignedOffOn == "" {
			p.Add("council_date", "security.error.council_before_sign_off")
		}
	}
	if a.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// Status is an answer's state of implementation.
type Status string

const (
	Implemented    Status = "implemented"
	Partly         Status = "partly"
	NotImplemented Status = "not_implemented"
	NotApplicable  Status = "not_applicable"
)

// Statuses in the order forms offer them.
var Statuses = []Status{Implemented, Partly, NotImplemented, NotApplicable}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	return s == Implemented || s == Partly || s == NotImplemented || s == NotApplicable
}

// Open reports whether work remains: the status needs an owner and a due date.
func (s Status) Open() bool { return s == Partly || s == NotImplemented }

// Answer is a municipality's answer on one module (MeasureCode "") or one measure. The
// module's row also says whether the module applies (with the reason when it does not)
// and whom it is assigned to.
type Answer struct {
	ID             int64  `json:"id"`
	ModuleCode     string `json:"module_code"`
	MeasureCode    string `json:"measure_code"`
	Applies        bool   `json:"applies"`
	ExcludedReason string `json:"excluded_reason"`
	Assignee       string `json:"assignee"`
	Status         Status `json:"status"`
	Owner          string `json:"owner"`
	Due            string `json:"due"`
	Justification  string `json:"justification"`
	Evidence       string `json:"evidence"`
	Prefilled      bool   `json:"prefilled"` // copied from last year's answer, not yet confirmed
	// ActivityID is the activity in the municipality's own plan that carries out what is
	// not implemented, made from the answer in one click.
	ActivityID *int64    `json:"activity_id"`
	Version    int       `json:"version"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Normalize trims the texts and drops what does not belong to the answer: a module left
// out has no status, and a finished status has no owner or due date.
func (a *Answer) Normalize() {
	for _, s := range []*string{&a.ExcludedReason, &a.Assignee, &a.Owner, &a.Due, &a.Justification, &a.Evidence} {
		*s = strings.TrimSpace(*s)
	}
	if a.MeasureCode != "" {
		a.Applies, a.ExcludedReason, a.Assignee = true, "", ""
	}
	if !a.Applies {
		a.Status, a.Owner, a.Due, a.Justification, a.Evidence = "", "", "", "", ""
		return
	}
	a.ExcludedReason = ""
	if a.Status != "" && !a.Status.Open() {
		a.Owner, a.Due = "", ""
	}
}

// Validate checks an answer by the round's rules: a module left out says why; "not
// applicable" and "not implemented" need a justification, "implemented" evidence (a link
// or a note), and what is open an owner and a due date. A module's row may carry no
// status yet (it is chosen and assigned, not answered); a measure's must.
func (a Answer) Validate() error {
	var p kovit.Problems
	if !validCode(a.ModuleCode) {
		p.Add("module_code", "security.error.code")
	}
	if a.MeasureCode != "" {
		if mod, ok := ModuleOfMeasure(a.MeasureCode); !ok || mod != a.ModuleCode {
			p.Add("measure_code", "security.error.measure_code")
		}
	}
	for field, v := range map[string]string{"excluded_reason": a.ExcludedReason, "justification": a.Justification, "evidence": a.Evidence} {
		if kovit.TooLong(v, 5000) {
			p.Add(field, "error.too_long")
		}
	}
	for field, v := range map[string]string{"assignee": a.Assignee, "owner": a.Owner} {
		if kovit.TooLong(v, 200) {
			p.Add(field, "error.too_long")
		}
	}
	if !a.Applies {
		if a.ExcludedReason == "" {
			p.Add("excluded_reason", "security.error.reason_required")
		}
		return p.Err()
	}
	switch {
	case a.Status == "" && a.MeasureCode != "":
		p.Add("status", "error.required")
	case a.Status == "":
	case !a.Status.Valid():
		p.Add("status", "security.error.status")
	default:
		if (a.Status == NotApplicable || a.Status == NotImplemented) && a.Justification == "" {
			p.Add("justification", "security.error.justification_required")
		}
		if a.Status == Implemented && a.Evidence == "" {
			p.Add("evidence", "security.error.evidence_required")
		}
		if a.Status == Implemented && looksLikeLink(a.Evidence) && !kovit.ValidURL(a.Evidence) {
			p.Add("evidence", "error.url")
		}
		if a.Status.Open() {
			if a.Owner == "" {
				p.Add("owner", "security.error.owner_required")
			}
			if a.Due == "" {
				p.Add("due", "security.error.due_required")
			} else {
				dateField(&p, "due", a.Due)
			}
		}
	}
	return p.Err()
}

func looksLikeLink(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
