package advice

import (
	"context"
	"slices"

	"kovit/internal/kovit"
)

// Store is what the module needs from storage. Every change is audited and takes the user
// from the context; permissions are the caller's to check (internal/auth), not the
// store's. Records carry a version: a save based on an older one fails with
// kovit.EConflict.
type Store interface {
	// ListInquiries returns the questions f selects, newest first, and how many match.
	ListInquiries(ctx context.Context, f InquiryFilter) ([]Inquiry, int, error)
	Inquiry(ctx context.Context, id int64) (Inquiry, error)
	// CreateInquiry stores a new question, asked now.
	CreateInquiry(ctx context.Context, q Inquiry) (Inquiry, error)
	// MoveInquiry changes a question's state (Move.Check, Inquiry.Apply) and tells the
	// municipality when it is answered or asked back.
	MoveInquiry(ctx context.Context, id int64, m Move) (Inquiry, error)
	// AllInquiries is every question, for the statistics and the desk.
	AllInquiries(ctx context.Context) ([]Inquiry, error)

	// SearchEntries lists the entries f selects: by score when f.Query is set, otherwise
	// the latest changed first.
	SearchEntries(ctx context.Context, f EntryFilter) ([]Entry, int, error)
	Entry(ctx context.Context, id int64) (Entry, error)
	CreateEntry(ctx context.Context, e Entry) (Entry, error)
	// UpdateEntry saves a coordinator's changes; a new ReviewedOn clears the review flag.
	UpdateEntry(ctx context.Context, e Entry) (Entry, error)
	// EntryTags lists every tag in use, for the draft check and the forms.
	EntryTags(ctx context.Context) ([]string, error)
}

// InquiryFilter selects questions; empty fields do not filter.
type InquiryFilter struct {
	MunicipalityEHAK string
	States           []State
	Topic            Topic
	Year             int
	Limit            int
	Offset           int
}

// Validate checks the filter and fills the default page size.
func (f *InquiryFilter) Validate() error {
	var p kovit.Problems
	for _, s := range f.States {
		if !s.Valid() {
			p.Add("state", "advice.error.state")
			break
		}
	}
	if f.Topic != "" && !f.Topic.Valid() {
		p.Add("topic", "advice.error.topic")
	}
	if f.Year != 0 && (f.Year < 2000 || f.Year > 2200) {
		p.Add("year", "advice.error.year")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 50)
	return p.Err()
}

// Within narrows f to one municipality's questions when ehak is set (an editor's reach);
// false when f asks for another municipality's.
func (f *InquiryFilter) Within(ehak string) bool {
	if ehak == "" {
		return true
	}
	if f.MunicipalityEHAK != "" && f.MunicipalityEHAK != ehak {
		return false
	}
	f.MunicipalityEHAK = ehak
	return true
}

// Matches reports whether q passes f (paging aside).
func (f InquiryFilter) Matches(q Inquiry) bool {
	return (f.MunicipalityEHAK == "" || q.MunicipalityEHAK == f.MunicipalityEHAK) &&
		(len(f.States) == 0 || slices.Contains(f.States, q.State)) &&
		(f.Topic == "" || q.Topic == f.Topic) &&
		(f.Year == 0 || q.AskedAt.In(kovit.Estonia).Year() == f.Year)
}

// RoundStore keeps the rounds of comment on the state's drafts. Who may read a restricted
// round is the surfaces' to check (internal/auth) before they call it; views are logged
// by LogRoundView.
type RoundStore interface {
	// ListCommentRounds lists every round, the latest ministry deadline first.
	ListCommentRounds(ctx context.Context) ([]Round, error)
	CommentRound(ctx context.Context, id int64) (Round, error)
	// CreateCommentRound stores a round with its sections, tells the municipalities it
	// asks (only the named viewers of a restricted one) and flags the knowledge-base
	// entries tagged with a paragraph the draft cites.
	CreateCommentRound(ctx context.Context, r Round) (Round, error)
	// UpdateCommentRound changes a round's details; its sections stay as created.
	UpdateCommentRound(ctx context.Context, r Round) (Round, error)
	LogRoundView(ctx context.Context, roundID, userID int64) error
	RoundViews(ctx context.Context, roundID int64) ([]View, error)

	RoundComments(ctx context.Context, roundID int64) ([]Comment, error)
	// AddComment stores a municipality's comment; none are taken after its response.
	AddComment(ctx context.Context, c Comment) (Comment, error)
	Responses(ctx context.Context, roundID int64) ([]Response, error)
	// Respond records a municipality's official response: the lead's text of its own and
	// its staff's comments, or no comments when it has neither (ResponseInput.Check). A
	// second response is refused.
	Respond(ctx context.Context, roundID int64, ehak string, in ResponseInput) (Response, error)
	// RemindRound tells the municipalities that have not responded; it returns how many.
	// A key makes the reminder once per recipient (a scheduled one); "" reminds again.
	RemindRound(ctx context.Context, roundID int64, key string) (int, error)

	Points(ctx context.Context, roundID int64) ([]Point, error)
	AllPoints(ctx context.Context) ([]Point, error)
	// AddPoint adds the next numbered point of a round's position.
	AddPoint(ctx context.Context, p Point) (Point, error)
	// UpdatePoint changes a point's text or the ministry's disposition of it.
	UpdatePoint(ctx context.Context, p Point) (Point, error)
	// DecideComment records what became of a comment (Decision.Check).
	DecideComment(ctx context.Context, commentID int64, d Decision) (Comment, error)
	// ImportDispositions sets the ministry's disposition of every point rows names, all
	// or none, and tells each municipality with comments in the round.
	ImportDispositions(ctx context.Context, roundID int64, rows []DispositionRow) error
}
