package landscape

import (
	"context"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// AdvisoryQuery picks the municipalities an advisory concerns: those running a solution,
// in a range of its versions (either end open), or a version whose support ends by a day.
type AdvisoryQuery struct {
	SolutionID  int64  `json:"solution_id"`
	FromVersion string `json:"from_version"`
	ToVersion   string `json:"to_version"`
	// SupportEndsBy is YYYY-MM-DD: only versions whose end of support is on or before it.
	SupportEndsBy string `json:"support_ends_by"`
}

// Normalize trims what people type.
func (q *AdvisoryQuery) Normalize() {
	q.FromVersion = strings.TrimSpace(q.FromVersion)
	q.ToVersion = strings.TrimSpace(q.ToVersion)
	q.SupportEndsBy = strings.TrimSpace(q.SupportEndsBy)
}

// Validate checks the query.
func (q AdvisoryQuery) Validate() error {
	var p kovit.Problems
	if q.SolutionID <= 0 {
		p.Add("solution_id", "landscape.error.solution")
	}
	if kovit.TooLong(q.FromVersion, 50) {
		p.Add("from_version", "error.too_long")
	}
	if kovit.TooLong(q.ToVersion, 50) {
		p.Add("to_version", "error.too_long")
	}
	if q.FromVersion != "" && q.ToVersion != "" && CompareVersions(q.FromVersion, q.ToVersion) > 0 {
		p.Add("to_version", "landscape.error.version_range")
	}
	if _, ok := Day(q.SupportEndsBy); !ok {
		p.Add("support_ends_by", "error.date")
	}
	return p.Err()
}

// Affects reports whether row r of solution s falls under the query: the municipality runs
// it now, in the version range, with the support ending by the day. A row whose version is
// not known matches no range and no day.
func (q AdvisoryQuery) Affects(r Row, s Solution) bool {
	if r.SolutionID != q.SolutionID || s.ID != q.SolutionID || !r.Status.Running() {
		return false
	}
	if (q.FromVersion != "" || q.ToVersion != "" || q.SupportEndsBy != "") && r.SoftwareVersion == "" {
		return false
	}
	if q.FromVersion != "" && CompareVersions(r.SoftwareVersion, q.FromVersion) < 0 {
		return false
	}
	if q.ToVersion != "" && CompareVersions(r.SoftwareVersion, q.ToVersion) > 0 {
		return false
	}
	if q.SupportEndsBy != "" {
		by, _ := Day(q.SupportEndsBy)
		end, ok := SupportEnds(r, s)
		if !ok || end.After(by) {
			return false
		}
	}
	return true
}

// Advisory is a notice a coordinator sent to the municipalities a query picked.
type Advisory struct {
	ID    int64         `json:"id"`
	Query AdvisoryQuery `json:"query"`
	Title string        `json:"title"`
	// Message says what to do, e.g. upgrade before the end of support.
	Message    string      `json:"message"`
	SentBy     string      `json:"sent_by"`
	SentAt     time.Time   `json:"sent_at"`
	Recipients []Recipient `json:"recipients"`
}

// Recipient is a municipality an advisory went to, and whether it has handled it.
type Recipient struct {
	MunicipalityEHAK string     `json:"municipality_ehak"`
	HandledBy        string     `json:"handled_by"`
	HandledAt        *time.Time `json:"handled_at"`
}

// Handled counts the recipients that have confirmed the advisory handled.
func (a Advisory) Handled() int {
	n := 0
	for _, r := range a.Recipients {
		if r.HandledAt != nil {
			n++
		}
	}
	return n
}

// Validate checks what the coordinator writes.
func (a Advisory) Validate() error {
	var p kovit.Problems
	for _, f := range kovit.FieldsOf(a.Query.Validate()) {
		p.Add(f.Field, f.Key)
	}
	required(&p, "title", a.Title, 300)
	if kovit.TooLong(a.Message, 5000) {
		p.Add("message", "error.too_long")
	}
	return p.Err()
}

// AdvisoryStore keeps advisories. SendAdvisory picks the recipients itself, in the
// transaction that stores the advisory, and tells each recipient municipality's editors;
// an advisory that picks nobody is refused.
type AdvisoryStore interface {
	SendAdvisory(ctx context.Context, a Advisory) (Advisory, error)
	Advisory(ctx context.Context, id int64) (Advisory, error)
	// ListAdvisories lists the advisories sent, newest first.
	ListAdvisories(ctx context.Context) ([]Advisory, error)
	// MarkAdvisoryHandled records that a recipient has dealt with the advisory.
	MarkAdvisoryHandled(ctx context.Context, id int64, ehak string) (Advisory, error)
}
