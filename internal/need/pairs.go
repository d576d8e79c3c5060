package need

import (
	"context"
	"errors"
	"math"
	"slices"
	"time"
)

// LikelyDuplicate is the score from which two needs are a likely duplicate: the
// coordinator's desk queues such pairs for a decision (issue 12), while a need's own page
// suggests from a lower score.
const LikelyDuplicate = 0.5

// MaxLikelyPairs bounds the pairs an index keeps: needs written from one template could
// otherwise pair by the million. The best are kept.
const MaxLikelyPairs = 10000

// Pair is two needs that read alike, A the smaller id.
type Pair struct {
	A, B  int64
	Score float64
}

// LikelyPairs is every pair of the index's needs scoring at least LikelyDuplicate, best
// first. The index keeps them, so they are found once per index: a workflow move keeps
// the index (and its pairs), a changed text makes a new one.
func (x *Index) LikelyPairs() []Pair {
	<-x.likelyDone()
	return x.likely.pairs
}

// ErrPairsPending says the likely pairs are still being found: on a country's worth of
// needs written alike (a hundred thousand) that takes minutes, which no request may wait.
var ErrPairsPending = errors.New("need: the likely duplicate pairs are still being found")

// LikelyPairsWait is how long a request waits for the likely pairs before it goes on
// without them (ErrPairsPending): Estonia's needs pair in milliseconds.
const LikelyPairsWait = 500 * time.Millisecond

// LikelyPairsWithin is LikelyPairs if they are found within wait, else ErrPairsPending
// while the search goes on in the background for the next request.
func (x *Index) LikelyPairsWithin(ctx context.Context, wait time.Duration) ([]Pair, error) {
	done := x.likelyDone()
	select {
	case <-done:
		return x.likely.pairs, nil
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-done:
		return x.likely.pairs, nil
	case <-t.C:
		return nil, ErrPairsPending
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// likelyDone starts the search for the likely pairs once and is closed when it ends.
func (x *Index) likelyDone() <-chan struct{} {
	x.likely.start.Do(func() {
		x.likely.done = make(chan struct{})
		go func() {
			defer close(x.likely.done)
			x.likely.pairs = x.bestPairs(LikelyDuplicate, MaxLikelyPairs)
		}()
	})
	return x.likely.done
}

// Pairs is every pair of the index's needs scoring at least min, each once, best first.
// The queue keeps only the best (bestPairs); Pairs is the whole list they are cut from.
func (x *Index) Pairs(min float64) []Pair {
	var out []Pair
	x.eachPair(min, func(p Pair) { out = append(out, p) })
	slices.SortFunc(out, pairOrder)
	return out
}

// eachPair calls fn with every pair of the index's needs scoring at least min, each once,
// in no order. It scores as Similar does, need by need, but only against needs after it
// in the index, which makes all of them affordable where Similar for each would not be.
func (x *Index) eachPair(min float64, fn func(Pair)) {
	sc := x.scores()
	defer x.scratch.Put(sc)
	for i, v := range x.vectors {
		if v == nil {
			continue
		}
		o := int32(i)
		x.score(o, o, sc)
		for _, j := range sc.touched {
			if s := sc.acc[j]; s >= min {
				a, b := x.ids[o], x.ids[j]
				if a > b {
					a, b = b, a
				}
				fn(Pair{A: a, B: b, Score: math.Min(1, math.Round(s*1000)/1000)})
			}
			sc.acc[j] = 0
		}
		sc.touched = sc.touched[:0]
	}
}

// DuplicatePair is a likely duplicate with both needs, for the coordinator's queue.
type DuplicatePair struct {
	A, B  Need
	Score float64
}

// Queued reports whether a likely pair still waits for a coordinator's decision: one of
// the two awaits review, neither is a draft or closed (rejected, marked a duplicate), and
// they are not consolidated already, together or apart. A dismissed pair is left out by
// the store.
func (p DuplicatePair) Queued() bool {
	open := func(n Need) bool { return n.State != Draft && n.State != Rejected && n.State != Duplicate }
	waits := func(n Need) bool { return n.State == Submitted || n.State == UnderReview }
	return open(p.A) && open(p.B) && (waits(p.A) || waits(p.B)) && (p.A.ConsolidatedID == nil || p.B.ConsolidatedID == nil)
}

// DuplicateQueue lists the likely duplicates that wait for a decision (Queued, not
// dismissed), best first. A decision on the need's page (accept into one consolidated
// need, dismiss, mark a duplicate) takes a pair off.
type DuplicateQueue interface {
	SuggestedDuplicates(ctx context.Context) ([]DuplicatePair, error)
}
