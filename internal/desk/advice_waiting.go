package desk

import (
	"context"
	"slices"
	"time"
)

// adviceActs are the advice module's kinds someone must act on, which the navigation's
// count includes: a coordinator's questions past their target, an editor's questions
// asked back and rounds of comment awaiting their municipality's response. Questions
// still within their target and the ministry's answers are to read, not to act on.
var adviceActs = []Kind{InquiryVeryLate, InquiryLate, InquiryAskedBack, CommentRoundOpen}

// AdviceWaiting is waiting (the navigation's count) plus the advice items the viewer must
// act on, as providers (AdviceProvider, RoundsProvider) list them at now(), so the count
// beside the desk agrees with the desk.
func AdviceWaiting(waiting func(context.Context, Viewer) (int, error), now func() time.Time, providers ...Provider) func(context.Context, Viewer) (int, error) {
	return func(ctx context.Context, v Viewer) (int, error) {
		n, err := waiting(ctx, v)
		if err != nil {
			return 0, err
		}
		at := now()
		for _, p := range providers {
			found, err := p(ctx, v, at)
			if err != nil {
				return 0, err
			}
			for _, it := range found.Items {
				if slices.Contains(adviceActs, it.Kind) {
					n++
				}
			}
			for k, more := range found.Omitted {
				if slices.Contains(adviceActs, k) {
					n += more
				}
			}
		}
		return n, nil
	}
}
