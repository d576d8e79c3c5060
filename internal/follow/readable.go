package follow

import (
	"context"
	"strconv"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// Strategies is the part of plan.Store that Readable needs.
type Strategies interface {
	plan.Owners
	Strategy(ctx context.Context, id int64) (plan.Strategy, error)
}

// Readable normalises and validates s and checks that may allows reading it, as both
// surfaces ask before following: a strategy the user may not read answers as a missing one,
// so following cannot probe drafts.
func Readable(ctx context.Context, strategies Strategies, s Subject, may plan.ReadRule) (Subject, error) {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return s, err
	}
	if s.Kind != Strategy {
		return s, nil
	}
	id, err := strconv.ParseInt(s.ID, 10, 64)
	if err != nil {
		return s, kovit.NotFound()
	}
	st, err := strategies.Strategy(ctx, id)
	if err != nil {
		return s, err
	}
	return s, plan.CheckRead(ctx, strategies, st, may)
}
