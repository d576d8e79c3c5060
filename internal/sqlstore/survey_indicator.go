package sqlstore

import (
	"context"
	"fmt"
	"slices"

	"kovit/internal/kovit"
	"kovit/internal/survey"
)

// checkMappedIndicators refuses a question mapped to an indicator that does not exist or
// is computed from the matrix (which takes no values), naming the question. A mapping the
// survey had before is not checked again: an indicator deleted since leaves the survey
// editable, and its answers then propose nothing.
func (t *tx) checkMappedIndicators(ctx context.Context, x survey.Survey, before []survey.Question) error {
	var p kovit.Problems
	for i, q := range x.Questions {
		id, ok := survey.MappedIndicator(q.Maps)
		if !ok || slices.ContainsFunc(before, func(b survey.Question) bool { return b.Maps == q.Maps }) {
			continue
		}
		ind, err := indicatorFrom(ctx, t, id)
		switch {
		case kovit.ErrorCode(err) == kovit.ENotFound || (err == nil && ind.FromMatrix != nil):
			p.Add(fmt.Sprintf("questions[%d].maps", i), "survey.error.maps_indicator")
		case err != nil:
			return err
		}
	}
	return p.Err()
}
