package desk

import (
	"context"
	"errors"
	"time"

	"kovit/internal/need"
)

// SuggestedDuplicate is a coordinator's queue of likely duplicate needs that nobody has
// decided on yet (need.DuplicateQueue): each item is a pair, to consolidate, mark or
// dismiss from the first need's page, or to dismiss from the desk.
const SuggestedDuplicate Kind = "suggested_duplicate"

// Duplicates is the provider of the suggested-duplicates queue, for who reviews every
// municipality's work; cmd/kovit adds it to the desk. A pair shows only when the viewer
// may read both needs, and with a county filter when either is of the county.
func Duplicates(q need.DuplicateQueue, m Modules) Provider {
	return func(ctx context.Context, v Viewer, now time.Time) (Found, error) {
		if !v.Queues || v.MayReadNeed == nil || v.Filter.Area != "" {
			return Found{}, nil // an area names services, which needs are not filed by
		}
		pairs, err := q.SuggestedDuplicates(ctx)
		if errors.Is(err, need.ErrPairsPending) {
			return Found{}, nil // still being found: on a later visit
		}
		if err != nil {
			return Found{}, err
		}
		counties, err := m.countyOf(ctx, v.Filter)
		if err != nil {
			return Found{}, err
		}
		var out []Item
		for _, p := range pairs {
			if !v.MayReadNeed.Allows(p.A) || !v.MayReadNeed.Allows(p.B) ||
				!inCounty(counties, v.Filter, p.A.MunicipalityEHAK) && !inCounty(counties, v.Filter, p.B.MunicipalityEHAK) {
				continue
			}
			// The later of the two is when the pair appeared; the oldest pair comes first.
			at := p.A.UpdatedAt
			if p.B.UpdatedAt.After(at) {
				at = p.B.UpdatedAt
			}
			out = append(out, Item{Kind: SuggestedDuplicate, MunicipalityEHAK: p.A.MunicipalityEHAK, TitleEt: p.A.Title,
				Detail: p.B.Title, Link: "/needs/" + itoa(p.A.ID) + "#similar-h", Date: at,
				Other: &Other{MunicipalityEHAK: p.B.MunicipalityEHAK, Link: "/needs/" + itoa(p.B.ID),
					Dismiss: "/needs/" + itoa(p.A.ID) + "/suggestions/" + itoa(p.B.ID) + "/dismiss"}})
		}
		return Found{Items: out}, nil
	}
}
