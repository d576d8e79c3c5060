package need

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"
)

// TestLikelyPairsWithin: a request waits for the likely pairs only so long, is told they
// are pending while the search goes on, and gets them once it has ended; an index whose
// search ends in time answers as LikelyPairs does.
func TestLikelyPairsWithin(t *testing.T) {
	ctx := context.Background()
	docs := syntheticDocs(200)
	x := NewIndex(docs)
	got, err := x.LikelyPairsWithin(ctx, time.Minute)
	if err != nil || !reflect.DeepEqual(got, NewIndex(docs).LikelyPairs()) {
		t.Fatalf("within a minute: %d pairs, %v; want LikelyPairs", len(got), err)
	}

	// A search under way: started, not ended (as on a hundred thousand needs).
	y := NewIndex(docs)
	y.likely.start.Do(func() { y.likely.done = make(chan struct{}) })
	if _, err := y.LikelyPairsWithin(ctx, 10*time.Millisecond); !errors.Is(err, ErrPairsPending) {
		t.Fatalf("search under way: %v, want ErrPairsPending", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := y.LikelyPairsWithin(cancelled, time.Minute); !errors.Is(err, context.Canceled) {
		t.Fatalf("request gone: %v, want its context's error", err)
	}
	y.likely.pairs, y.likely.found = []Pair{{A: 1, B: 2, Score: 0.9}}, true
	close(y.likely.done)
	if got, err := y.LikelyPairsWithin(ctx, 0); err != nil || len(got) != 1 {
		t.Fatalf("search ended: %v, %v; want its one pair", got, err)
	}
}
