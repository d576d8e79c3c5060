package desk

import (
	"context"

	"kovit/internal/need"
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
