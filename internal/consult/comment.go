package consult

import (
	"strings"
	"time"

	"kovit/internal/kovit"
)

// Status is where a comment stands in moderation.
type Status string

const (
	Pending   Status = "pending"   // a public comment waiting for a moderator
	Published Status = "published" // shown with the consultation
	Rejected  Status = "rejected"  // refused by a moderator, with a reason
)

// Statuses lists the moderation states.
var Statuses = []Status{Pending, Published, Rejected}

// Valid reports whether s is one of Statuses.
func (s Status) Valid() bool { return oneOf(s, Statuses) }

// Kind is how a comment was taken into account.
type Kind string

const (
	Accepted Kind = "accepted" // taken into account
	Partly   Kind = "partly"   // partly taken into account
	Declined Kind = "declined" // not taken into account
)

// Kinds lists the dispositions in the order forms offer them.
var Kinds = []Kind{Accepted, Partly, Declined}

// Valid reports whether k is one of Kinds.
func (k Kind) Valid() bool { return oneOf(k, Kinds) }

// Limits of a comment.
const (
	MaxBody    = 5000
	MaxPassage = 1000
	MaxReason  = 5000
)

// Rate limits: a member of the public may leave PublicPerHour comments an hour, and a
// municipality's staff member MemberPerHour, so nobody floods a consultation.
const (
	PublicPerHour = 5
	MemberPerHour = 60
)

// Comment is one comment on a section of one version.
type Comment struct {
	ID             int64  `json:"id"`
	ConsultationID int64  `json:"consultation_id"`
	DocVersion     int    `json:"doc_version"` // the version commented on
	SectionKey     string `json:"section_key"`
	// Passage is the commented words of the section, quoted; "" for the whole section.
	Passage string `json:"passage"`
	Body    string `json:"body"`
	// AuthorID and AuthorName are who wrote it; a public comment's author shows only to
	// moderators (auth.CanSeeCommentAuthor).
	AuthorID   int64  `json:"author_id,omitempty"`
	AuthorName string `json:"author_name,omitempty"`
	// MunicipalityEHAK is the municipality the comment speaks for; "" for the public.
	MunicipalityEHAK string `json:"municipality_ehak"`
	Status           Status `json:"status"`
	ModerationReason string `json:"moderation_reason"`
	Disposition      Kind   `json:"disposition"`
	Reason           string `json:"reason"`
	// ChangedIn is the version whose text the comment changed; nil when none did.
	ChangedIn *int `json:"changed_in"`
	// Item is the strategy item (goal, direction, activity) the comment changed.
	Item      *Item      `json:"item"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
	Disposed  *time.Time `json:"disposed_at"`
}

// Item is a strategy item a disposition names, with what its read rule needs.
type Item struct {
	ID         int64  `json:"id"`
	StrategyID int64  `json:"strategy_id"`
	Kind       string `json:"kind"` // goal, direction or activity
	Code       string `json:"code"`
	Title      string `json:"title"`
	// Public says whether its strategy is adopted or archived; OwnerEHAK is the
	// municipality owning it ("" nationally), for auth.CanReadStrategy.
	Public    bool   `json:"-"`
	OwnerEHAK string `json:"-"`
}

// Normalize trims the texts.
func (c *Comment) Normalize() {
	c.Body = strings.TrimSpace(c.Body)
	c.Passage = strings.TrimSpace(c.Passage)
	c.SectionKey = strings.TrimSpace(c.SectionKey)
}

// Validate checks a new comment against the version it is on: the section must be one of
// it and the passage words of that section.
func (c Comment) Validate(v DocVersion) error {
	var p kovit.Problems
	required(&p, "body", c.Body, MaxBody)
	s, ok := v.Section(c.SectionKey)
	if !ok {
		p.Add("section", "consult.error.section")
	}
	if kovit.TooLong(c.Passage, MaxPassage) {
		p.Add("passage", "error.too_long")
	} else if ok && c.Passage != "" && !strings.Contains(fold(s.Body), fold(c.Passage)) {
		p.Add("passage", "consult.error.passage")
	}
	return p.Err()
}

// Moderation is a moderator's decision on a pending comment.
type Moderation struct {
	Publish bool   `json:"publish"`
	Reason  string `json:"reason"` // required to reject
	Version int    `json:"version"`
}

// Check says whether m may apply to c.
func (m Moderation) Check(c Comment) error {
	if c.Status != Pending {
		return kovit.Errorf(kovit.EConflict, "consult.error.not_pending")
	}
	var p kovit.Problems
	if !m.Publish && strings.TrimSpace(m.Reason) == "" {
		p.Add("reason", "consult.error.reason")
	}
	if kovit.TooLong(m.Reason, MaxReason) {
		p.Add("reason", "error.too_long")
	}
	return p.Err()
}

// Disposition is the association's response to a comment.
type Disposition struct {
	Kind   Kind   `json:"disposition"`
	Reason string `json:"reason"`
	// ChangedIn is the version that changed the text for the comment, if one did.
	ChangedIn *int `json:"changed_in"`
	// ItemID is the strategy item the comment changed, if any.
	ItemID  *int64 `json:"item_id"`
	Version int    `json:"version"`
}

// Check says whether d may apply to comment c of consultation k with versions versions
// of its document.
func (d Disposition) Check(k Consultation, c Comment, versions int) error {
	if k.Phase != Open && k.Phase != Closed {
		return kovit.Errorf(kovit.EConflict, "consult.error.dispose_phase")
	}
	if c.Status != Published {
		return kovit.Errorf(kovit.EConflict, "consult.error.not_published")
	}
	var p kovit.Problems
	if !d.Kind.Valid() {
		p.Add("disposition", "consult.error.disposition")
	}
	required(&p, "reason", d.Reason, MaxReason)
	if d.ChangedIn != nil {
		if *d.ChangedIn <= c.DocVersion || *d.ChangedIn > versions {
			p.Add("changed_in", "consult.error.changed_in")
		} else if d.Kind == Declined {
			p.Add("changed_in", "consult.error.declined_changed")
		}
	}
	return p.Err()
}

// CommentFilter selects comments of one consultation; empty fields do not filter.
type CommentFilter struct {
	ConsultationID int64
	Statuses       []Status
	SectionKey     string
	// AuthorID, with Statuses, adds that author's own comments in any status to the
	// ones selected: a member of the public sees their comments waiting in moderation.
	AuthorID int64
	Limit    int
	Offset   int
}

// Validate checks the filter and fills the default page size.
func (f *CommentFilter) Validate() error {
	var p kovit.Problems
	for _, s := range f.Statuses {
		if !s.Valid() {
			p.Add("status", "consult.error.status")
			break
		}
	}
	if kovit.TooLong(f.SectionKey, 20) {
		p.Add("section", "error.too_long")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 100)
	return p.Err()
}

// PerHour is the rate limit of an author: public ones (no municipality) get fewer.
func PerHour(ehak string) int {
	if ehak == "" {
		return PublicPerHour
	}
	return MemberPerHour
}
