package desk

import (
	"context"
	"slices"
	"time"

	"kovit/internal/advice"
)

// adviceActs are the advice module's kinds someone must act on, which the navigation's
// count includes: a coordinator's questions past their target, an editor's questions
// asked back and rounds of comment awaiting their municipality's response. Questions
// still within their target and the ministry's answers are to read, not to act on.
var adviceActs = []Kind{InquiryVeryLate, InquiryLate, InquiryAskedBack, CommentRoundOpen}

// AdviceKept is what of the advice module the navigation's count reads: every question,
// every round of comment and who has responded to each. The store keeps it in memory and
// drops it with the records it copies, so the count, on every signed-in page, asks the
// database nothing. It is never changed, only replaced.
type AdviceKept struct {
	Inquiries []advice.Inquiry
	Rounds    []advice.Round
	// Responded lists, by round, the municipalities that have responded.
	Responded map[int64][]string
}

// AdviceKeeper hands out the kept advice records.
type AdviceKeeper interface {
	KeptAdvice(ctx context.Context) (*AdviceKept, error)
}

// AdviceWaiting is waiting (the navigation's count) plus the advice items the viewer must
// act on at now(), picked by the rules AdviceProvider and RoundsProvider list them by, so
// the count beside the desk agrees with the desk; it reads only the kept records.
func AdviceWaiting(waiting func(context.Context, Viewer) (int, error), now func() time.Time, cal *advice.Calendar, s AdviceKeeper) func(context.Context, Viewer) (int, error) {
	return func(ctx context.Context, v Viewer) (int, error) {
		n, err := waiting(ctx, v)
		if err != nil || !v.Queues && v.Municipality == "" {
			return n, err
		}
		k, err := s.KeptAdvice(ctx)
		if err != nil {
			return 0, err
		}
		at := now()
		for _, q := range k.Inquiries {
			if it, ok := inquiryItem(v, q, cal, at); ok && slices.Contains(adviceActs, it.Kind) {
				n++
			}
		}
		for _, r := range k.Rounds {
			if open, _ := roundFor(v, r, at); open && !slices.Contains(k.Responded[r.ID], v.Municipality) {
				n++
			}
		}
		return n, nil
	}
}
