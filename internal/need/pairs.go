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
// while the search goes on in the background for the next request. A retired index
// (Retire) has none to give: ErrPairsPending too.
func (x *Index) LikelyPairsWithin(ctx context.Context, wait time.Duration) ([]Pair, error) {
	done := x.likelyDone()
	select {
	case <-done:
		return x.likelyFound()
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-done:
		return x.likelyFound()
	case <-t.C:
		return nil, ErrPairsPending
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (x *Index) likelyFound() ([]Pair, error) {
	if !x.likely.found {
		return nil, ErrPairsPending
	}
	return x.likely.pairs, nil
}

// likelyDone starts the search for the likely pairs once and is closed when it ends.
func (x *Index) likelyDone() <-chan struct{} {
	x.likely.start.Do(func() {
		x.likely.done = make(chan struct{})
		x.likely.started.Store(true)
		go func() {
			defer close(x.likely.done)
			x.likely.pairs, x.likely.found = x.findLikely()
		}()
	})
	return x.likely.done
}

// findLikely is the search for the likely pairs. An index updated from another goes on
// from that one's pairs, waiting for them if they are still being found: a need edited on
// a country's worth of needs then costs its own scoring, not another two minutes of
// scoring every need. found is false if the index was retired meanwhile.
func (x *Index) findLikely() (pairs []Pair, found bool) {
	// The old index is let go once its pairs are read; until then Retire reaches it.
	defer x.likely.from.Store(nil)
	if from := x.likely.from.Load(); from != nil {
		<-from.likelyDone()
		if from.likely.found {
			pairs = x.pairsUpdated(from.likely.pairs, x.likely.firstNew)
			return pairs, !x.likely.retired.Load()
		}
	}
	pairs = x.bestPairs(LikelyDuplicate, MaxLikelyPairs)
	return pairs, !x.likely.retired.Load()
}

// Retire stops the search for the likely pairs of an index nobody will ask again (a new
// one is built from scratch), and of those it goes on from: on a hundred thousand needs
// each runs for minutes, and a few edits in a row would otherwise run several at once.
func (x *Index) Retire() {
	for y := x; y != nil; y = y.likely.from.Load() {
		y.likely.retired.Store(true)
	}
}

// pairsUpdated is the likely pairs of an index updated from one whose likely pairs were
// from: those of from whose needs both kept their text, and every pair of a changed need
// scored anew. Known words keep their rarity in an update, so a kept pair scores as it
// did. Only the best MaxLikelyPairs are kept, as from kept them: a pair that was cut
// from a full from stays out.
func (x *Index) pairsUpdated(from []Pair, firstNew int32) []Pair {
	kept := best{k: MaxLikelyPairs}
	for _, p := range from {
		a, okA := x.ord[p.A]
		b, okB := x.ord[p.B]
		if okA && okB && a < firstNew && b < firstNew {
			kept.add(p)
		}
	}
	sc := x.scores()
	defer x.scratch.Put(sc)
	for o := firstNew; o < int32(len(x.ids)); o++ {
		if x.vectors[o] == nil {
			continue
		}
		x.score(o, -1, sc)
		sc.drain(func(j int32, s float64) {
			// Each pair once: a changed need with every unchanged one, and with the
			// changed ones after it.
			if s >= LikelyDuplicate && (j < firstNew || j > o) {
				kept.add(pairOf(x.ids[o], x.ids[j], s))
			}
		})
	}
	return kept.list()
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
// It stops early once the index is retired.
func (x *Index) eachPair(min float64, fn func(Pair)) {
	sc := x.scores()
	defer x.scratch.Put(sc)
	for i, v := range x.vectors {
		if v == nil {
			continue
		}
		if i%256 == 0 && x.likely.retired.Load() {
			return
		}
		o := int32(i)
		x.score(o, o, sc)
		sc.drain(func(j int32, s float64) {
			if s >= min {
				fn(pairOf(x.ids[o], x.ids[j], s))
			}
		})
	}
}

// pairOf is the pair of needs a and b scoring s, the smaller id first and the score to
// three places.
func pairOf(a, b int64, s float64) Pair {
	if a > b {
		a, b = b, a
	}
	return Pair{A: a, B: b, Score: math.Min(1, math.Round(s*1000)/1000)}
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
