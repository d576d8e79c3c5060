package desk

import (
	"context"
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
				continue
			}
			f.Items = append(f.Items, item)
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
