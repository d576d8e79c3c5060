package desk_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/desk"
	"kovit/internal/need"
)

// pendingPairs is a queue whose likely pairs are still being found.
type pendingPairs struct{}

func (pendingPairs) SuggestedDuplicates(context.Context) ([]need.DuplicatePair, error) {
	return nil, need.ErrPairsPending
}

// TestDuplicatesPending: while the likely pairs are still being found (minutes on a
// country's worth of needs) the coordinator's desk shows no pairs yet instead of failing.
func TestDuplicatesPending(t *testing.T) {
	v := desk.Viewer{Queues: true, MayReadNeed: func(string, bool) bool { return true }}
	found, err := desk.Duplicates(pendingPairs{}, desk.Modules{})(context.Background(), v, time.Now())
	if err != nil || len(found.Items) != 0 {
		t.Fatalf("pending pairs: %d items, %v; want none and no error", len(found.Items), err)
	}
}
