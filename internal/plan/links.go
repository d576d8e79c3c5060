package plan

import (
	"context"
	"slices"

	"kovit/internal/kovit"
)

// LinkReader is the part of Store that CheckLinks needs.
type LinkReader interface {
	Owners
	Node(ctx context.Context, id int64) (Node, error)
	Strategy(ctx context.Context, id int64) (Strategy, error)
}

// CheckLinks checks the activities n links to, as the user whose read rule may is, before
// the store checks that they exist: an activity in a strategy the user may not read is
// refused as an unknown one is, so the answer tells nothing of which ids exist; and n may
// contribute only to an activity of a national strategy. Links n had before are not
// checked again, so a linked plan that has since become unreadable stops no other edit.
func CheckLinks(ctx context.Context, st LinkReader, n, before Node, may ReadRule) error {
	var p kovit.Problems
	for _, id := range n.RelatedIDs {
		if slices.Contains(before.RelatedIDs, id) {
			continue
		}
		if _, err := readableActivity(ctx, st, id, may); err != nil {
			if kovit.ErrorCode(err) != kovit.ENotFound {
				return err
			}
			p.Add("related_ids", "plan.error.unknown_activity")
			break
		}
	}
	if c := n.ContributesTo; c != nil && (before.ContributesTo == nil || *before.ContributesTo != *c) {
		s, err := readableActivity(ctx, st, *c, may)
		switch {
		case kovit.ErrorCode(err) == kovit.ENotFound:
			p.Add("contributes_to", "plan.error.unknown_activity")
		case err != nil:
			return err
		case s.OwnerID != nil:
			p.Add("contributes_to", "plan.error.contributes_national")
		}
	}
	return p.Err()
}

// readableActivity is the strategy of activity id, or not found when there is no such
// activity or the user may not read its strategy.
func readableActivity(ctx context.Context, st LinkReader, id int64, may ReadRule) (Strategy, error) {
	a, err := st.Node(ctx, id)
	if err != nil {
		return Strategy{}, err
	}
	if a.Kind != Activity {
		return Strategy{}, kovit.NotFound()
	}
	s, err := st.Strategy(ctx, a.StrategyID)
	if err != nil {
		return Strategy{}, err
	}
	return s, CheckRead(ctx, st, s, may)
}
