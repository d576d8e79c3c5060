package desk

import (
	"context"
	"time"

	"kovit/internal/need"
	"kovit/internal/plan"
)

// roundMissing is how many municipalities have submitted nothing in the round: counted
// by the store when it can (need.MissingCounter), else from the round's dashboard.
func (m Modules) roundMissing(ctx context.Context, roundID int64) (int, error) {
	if c, ok := m.Needs.(need.MissingCounter); ok {
		return c.MissingCount(ctx, roundID)
	}
	d, err := m.Needs.Dashboard(ctx, roundID)
	return len(d.Missing), err
}

// attentionEach is the plan's attention of each filter: in one pass over the trees when
// the store can (plan.AttentionEacher), else one Attention call a filter.
func (m Modules) attentionEach(ctx context.Context, fs []plan.AttentionFilter, now time.Time) ([][]plan.AttentionItem, error) {
	if e, ok := m.Plans.(plan.AttentionEacher); ok {
		return e.AttentionEach(ctx, fs, now)
	}
	out := make([][]plan.AttentionItem, len(fs))
	for i, f := range fs {
		items, err := m.Plans.Attention(ctx, f, now)
		if err != nil {
			return nil, err
		}
		out[i] = items
	}
	return out, nil
}
