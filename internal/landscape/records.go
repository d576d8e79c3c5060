package landscape

import (
	"context"
	"strings"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/kovit"
)

// Digital records management, the action plan's direction "digitaalse asjaajamise
// levitamine": each municipality's records profile beside its landscape, and its maturity
// on a scale of the same criteria → level engine as the e-service matrix (eservice.Scale).

// DHX is how a municipality exchanges documents with other institutions.
type DHX string

const (
	DHXDirect       DHX = "direct"
	DHXIntermediary DHX = "intermediary"
	DHXNone         DHX = "none"
)

// DHXWays lists the ways in the order forms offer them.
var DHXWays = []DHX{DHXDirect, DHXIntermediary, DHXNone}

// Valid reports whether d is one of DHXWays.
func (d DHX) Valid() bool { return oneOf(d, DHXWays) }

// Verification is a coordinator's check of a profile's level, as of an e-service cell.
type Verification = eservice.Verification

// RecordsProfile is a municipality's records management.
type RecordsProfile struct {
	MunicipalityEHAK string `json:"municipality_ehak"`
	// DocumentRowID is the landscape row of the document management system.
	DocumentRowID *int64 `json:"document_row_id"`
	DHX           DHX    `json:"dhx"`
	// RegisterURL is the public document register's address.
	RegisterURL string `json:"register_url"`
	// Dates are YYYY-MM-DD, "" when not known.
	RulesDate         string `json:"rules_date"`
	RetentionListDate string `json:"retention_list_date"`
	// AppraisalDecision is the National Archives' appraisal decision (its number or date).
	AppraisalDecision   string `json:"appraisal_decision"`
	LastArchiveTransfer string `json:"last_archive_transfer"`
	CouncilIntegration  bool   `json:"council_integration"`
	EServiceIntegration bool   `json:"eservice_integration"`
	// Met are the ids of the records scale's criteria the municipality meets.
	Met          []int64      `json:"criteria_met"`
	Level        int          `json:"level"`
	EvidenceURL  string       `json:"evidence_url"`
	Verification Verification `json:"verification"`
	ReturnReason string       `json:"return_reason"`
	// The register check's last result (a scheduled job), nil before the first.
	Check     *RegisterCheck `json:"register_check"`
	Version   int            `json:"version"`
	UpdatedAt time.Time      `json:"updated_at"`
}

// RegisterCheck is whether the public document register answered, and when.
type RegisterCheck struct {
	At     time.Time `json:"at"`
	Status int       `json:"status"` // HTTP status, 0 when there was no answer
	TLS    bool      `json:"tls"`    // answered over HTTPS with a valid certificate
	Error  string    `json:"error"`
}

// OK reports whether the register answered with a success status.
func (c RegisterCheck) OK() bool { return c.Status >= 200 && c.Status < 400 }

// Normalize trims what people type and keeps the criteria of scale, the records scale as
// stored, once each, and sets the level they reach.
func (p *RecordsProfile) Normalize(scale eservice.Scale) {
	for _, f := range []*string{&p.RegisterURL, &p.RulesDate, &p.RetentionListDate, &p.AppraisalDecision, &p.LastArchiveTransfer, &p.EvidenceURL, &p.ReturnReason} {
		*f = strings.TrimSpace(*f)
	}
	if p.DHX == "" {
		p.DHX = DHXNone
	}
	if p.Verification == "" {
		p.Verification = eservice.SelfReported
	}
	known := map[int64]bool{}
	for _, l := range scale {
		for _, c := range l.Criteria {
			known[c.ID] = true
		}
	}
	met := []int64{}
	for _, id := range p.Met {
		if known[id] && !oneOf(id, met) {
			met = append(met, id)
		}
	}
	p.Met = met
	p.Level = scale.LevelOf(eservice.Offered, p.Met)
}

// Validate checks a profile as its municipality fills it in.
func (p RecordsProfile) Validate() error {
	var pr kovit.Problems
	if len(p.MunicipalityEHAK) != 4 {
		pr.Add("municipality_ehak", "landscape.error.municipality")
	}
	if !p.DHX.Valid() {
		pr.Add("dhx", "landscape.error.dhx")
	}
	if p.RegisterURL != "" && (!kovit.ValidURL(p.RegisterURL) || kovit.TooLong(p.RegisterURL, 500)) {
		pr.Add("register_url", "error.url")
	}
	if p.EvidenceURL != "" && (!kovit.ValidURL(p.EvidenceURL) || kovit.TooLong(p.EvidenceURL, 500)) {
		pr.Add("evidence_url", "error.url")
	}
	for field, v := range map[string]string{"rules_date": p.RulesDate, "retention_list_date": p.RetentionListDate, "last_archive_transfer": p.LastArchiveTransfer} {
		if _, ok := Day(v); !ok {
			pr.Add(field, "error.date")
		}
	}
	if kovit.TooLong(p.AppraisalDecision, 300) {
		pr.Add("appraisal_decision", "error.too_long")
	}
	if kovit.TooLong(p.ReturnReason, 2000) {
		pr.Add("return_reason", "error.too_long")
	}
	// A level needs its evidence, as an e-service cell's does: the register from level 1.
	if p.Level >= 1 && p.RegisterURL == "" {
		pr.Add("register_url", "landscape.error.register_needed")
	}
	if p.Level >= 3 && p.DHX == DHXNone {
		pr.Add("dhx", "landscape.error.dhx_needed")
	}
	if p.Version < 0 {
		pr.Add("version", "error.version")
	}
	return pr.Err()
}

// Bottleneck is what keeps the profile from the next level of scale.
func (p RecordsProfile) Bottleneck(scale eservice.Scale) []eservice.Criterion {
	return scale.Bottleneck(eservice.Offered, p.Met)
}

// RecordsStore keeps the records profiles.
type RecordsStore interface {
	// RecordsProfiles lists every municipality's profile that has been filled in.
	RecordsProfiles(ctx context.Context) ([]RecordsProfile, error)
	// RecordsProfile is a municipality's profile; an empty self-reported one at version 0
	// before it is first saved.
	RecordsProfile(ctx context.Context, ehak string) (RecordsProfile, error)
	// SaveRecordsProfile saves the municipality's profile at the version read; it is
	// self-reported again until a coordinator verifies it.
	SaveRecordsProfile(ctx context.Context, p RecordsProfile) (RecordsProfile, error)
	// ReviewRecordsProfile records a coordinator's verification or return, with a reason.
	ReviewRecordsProfile(ctx context.Context, ehak string, v Verification, reason string, version int) (RecordsProfile, error)
	// RecordsScale is the records maturity scale: its levels and their criteria, as
	// coordinators keep them.
	RecordsScale(ctx context.Context) (eservice.Scale, error)
	// UpdateRecordsCriterion rewords a criterion of the records scale, with its history.
	UpdateRecordsCriterion(ctx context.Context, c eservice.Criterion) (eservice.Criterion, error)
	// SetRegisterCheck stores the register check's result; it is no change of the profile.
	SetRegisterCheck(ctx context.Context, ehak string, c RegisterCheck) error
}
