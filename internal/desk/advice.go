package desk

import (
	"context"
	"slices"
	"strconv"
	"time"

	"kovit/internal/advice"
)

// The advice module's kinds (issue 15).
const (
	// A coordinator's: questions past their target, more than twice past it, and those
	// still within it, to take up or answer.
	InquiryVeryLate Kind = "inquiry_very_late"
	InquiryLate     Kind = "inquiry_late"
	InquiryToAnswer Kind = "inquiry_to_answer"
	// An editor's: a question the association has asked back about.
	InquiryAskedBack Kind = "inquiry_asked_back"
	// A coordinator's: knowledge-base entries a new draft's citations put in doubt.
	EntryToReview Kind = "kb_to_review"
)

// AdviceStore is what the advice provider reads.
type AdviceStore interface {
	AllInquiries(ctx context.Context) ([]advice.Inquiry, error)
	SearchEntries(ctx context.Context, f advice.EntryFilter) ([]advice.Entry, int, error)
}

// AdviceProvider lists a coordinator's late and open questions, clocked in working days
// by cal, and the entries flagged for review; and an editor's questions asked back. Only
// the viewer's own municipality's questions reach an editor; readers get none (the
// questions are the asking municipality's and the association's, auth.CanReadInquiry).
func AdviceProvider(s AdviceStore, cal *advice.Calendar) Provider {
	return func(ctx context.Context, v Viewer, now time.Time) (Found, error) {
		if !v.Queues && v.Municipality == "" {
			return Found{}, nil
		}
		qs, err := s.AllInquiries(ctx)
		if err != nil {
			return Found{}, err
		}
		var f Found
		for _, q := range qs {
			if item, ok := inquiryItem(v, q, cal, now); ok {
				f.Items = append(f.Items, item)
			}
		}
		if !v.Queues {
			return f, nil
		}
		flagged, _, err := s.SearchEntries(ctx, advice.EntryFilter{FlaggedOnly: true, Visibilities: advice.Visibilities, Limit: PerKind})
		if err != nil {
			return Found{}, err
		}
		for _, e := range flagged {
			f.Items = append(f.Items, Item{Kind: EntryToReview, TitleEt: e.Title, Detail: e.ReviewReason, Link: "/kb/" + strconv.FormatInt(e.ID, 10), Date: e.UpdatedAt})
		}
		return f, nil
	}
}

// inquiryItem is question q on v's desk at now; ok is false when it is not on theirs.
func inquiryItem(v Viewer, q advice.Inquiry, cal *advice.Calendar, now time.Time) (Item, bool) {
	item := Item{MunicipalityEHAK: q.MunicipalityEHAK, TitleEt: q.Subject, Link: "/inquiries/" + strconv.FormatInt(q.ID, 10)}
	switch {
	case v.Queues && q.State.Running():
		cl := cal.Clock(q, now)
		item.Kind, item.Date = InquiryToAnswer, cl.Due
		if cl.VeryLate {
			item.Kind = InquiryVeryLate
		} else if cl.Late {
			item.Kind = InquiryLate
		}
		item.Detail = strconv.Itoa(cl.Used) + "/" + strconv.Itoa(cl.Target)
	case !v.Queues && q.MunicipalityEHAK == v.Municipality && q.State == advice.Waiting:
		item.Kind, item.Detail = InquiryAskedBack, q.Note
		if q.StoppedAt != nil {
			item.Date = *q.StoppedAt
		}
	default:
		return Item{}, false
	}
	return item, true
}

// The rounds of comment's kinds (issue 15), an editor's: a draft awaiting their
// municipality's response, and the ministry's answers to the proposals it made.
const (
	CommentRoundOpen Kind = "comment_round_open"
	CommentOutcome   Kind = "comment_outcome"
)

// RoundReader is what the rounds provider reads.
type RoundReader interface {
	ListCommentRounds(ctx context.Context) ([]advice.Round, error)
	Responses(ctx context.Context, roundID int64) ([]advice.Response, error)
	RoundComments(ctx context.Context, roundID int64) ([]advice.Comment, error)
	Points(ctx context.Context, roundID int64) ([]advice.Point, error)
}

// outcomeDays is how long after the ministry's deadline, or after it answered when that
// was later, its answers stay on a desk.
const outcomeDays = 180

// RoundsProvider lists an editor's rounds awaiting their municipality's response and
// those whose proposals the ministry has answered. A restricted draft shows only to the
// people it names.
func RoundsProvider(s RoundReader) Provider {
	return func(ctx context.Context, v Viewer, now time.Time) (Found, error) {
		if v.Municipality == "" {
			return Found{}, nil
		}
		rounds, err := s.ListCommentRounds(ctx)
		if err != nil {
			return Found{}, err
		}
		var f Found
		for _, r := range rounds {
			open, past := roundFor(v, r, now)
			if !open && !past {
				continue
			}
			link := "/comment-rounds/" + strconv.FormatInt(r.ID, 10)
			if open {
				resps, err := s.Responses(ctx, r.ID)
				if err != nil {
					return Found{}, err
				}
				if !slices.ContainsFunc(resps, func(x advice.Response) bool { return x.MunicipalityEHAK == v.Municipality }) {
					due, _ := advice.ParseDay(r.InternalDeadline)
					f.Items = append(f.Items, Item{Kind: CommentRoundOpen, TitleEt: r.Title, Detail: r.Ministry, Link: link, Date: due})
				}
				continue
			}
			points, err := s.Points(ctx, r.ID)
			if err != nil {
				return Found{}, err
			}
			if !slices.ContainsFunc(points, func(p advice.Point) bool { return p.Disposition != advice.NoAnswer }) {
				continue
			}
			comments, err := s.RoundComments(ctx, r.ID)
			if err != nil {
				return Found{}, err
			}
			if slices.ContainsFunc(comments, func(c advice.Comment) bool { return c.MunicipalityEHAK == v.Municipality }) {
				// The detail is the viewer's own comments' fates, worded in their language
				// when the desk is shown (advice.FatesText).
				detail := advice.EncodeFates(advice.OwnFates(v.Municipality, comments, points))
				f.Items = append(f.Items, Item{Kind: CommentOutcome, TitleEt: r.Title, Detail: detail, Link: link + "/position", Date: r.UpdatedAt})
			}
		}
		return f, nil
	}
}

// roundFor is where round r stands for v at now: open, until the ministry's deadline, for
// their municipality's response; past it, for up to outcomeDays, for the ministry's
// answers; neither for a round that does not ask their municipality (a coordinator or a
// reader has none) or that they may
// not read (a restricted draft shows only to the people it names).
func roundFor(v Viewer, r advice.Round, now time.Time) (open, past bool) {
	oldest := now.AddDate(0, 0, -outcomeDays)
	if v.Municipality == "" || !r.Asks(v.Municipality) || !r.Public && !r.Names(v.UserID) ||
		r.MinistryDeadline < oldest.Format(time.DateOnly) && r.UpdatedAt.Before(oldest) {
		return false, false
	}
	open = r.MinistryDeadline >= now.Format(time.DateOnly)
	return open, !open
}
