package desk

import (
	"context"
	"slices"
	"sync"
	"time"

	"kovit/internal/advice"
	"kovit/internal/kovit"
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
	late := &lateTally{}
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
		if v.Queues {
			n += late.of(k, cal, at)
		} else {
			n += actsOn(k, v, cal, at)
		}
		for _, r := range k.Rounds {
			if open, _ := roundFor(v, r, at); open && !slices.Contains(k.Responded[r.ID], v.Municipality) {
				n++
			}
		}
		return n, nil
	}
}

// actsOn is how many of k's questions v must act on at now.
func actsOn(k *AdviceKept, v Viewer, cal *advice.Calendar, now time.Time) int {
	n := 0
	for _, q := range k.Inquiries {
		if it, ok := inquiryItem(v, q, cal, now); ok && slices.Contains(adviceActs, it.Kind) {
			n++
		}
	}
	return n
}

// lateTally keeps the coordinators' count of questions past their target. The clock
// counts working days, so the count holds for a kept copy (never changed, only
// replaced) through an Estonian day: it is counted once per copy and day, as the
// matrix's tally is once per kept matrix, not on every page.
type lateTally struct {
	mu   sync.Mutex
	kept *AdviceKept
	day  string
	n    int
}

func (t *lateTally) of(k *AdviceKept, cal *advice.Calendar, now time.Time) int {
	day := now.In(kovit.Estonia).Format(time.DateOnly)
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.kept != k || t.day != day {
		t.kept, t.day, t.n = k, day, actsOn(k, Viewer{Queues: true}, cal, now)
	}
	return t.n
}
