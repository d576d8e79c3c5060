package sqlstore

import (
	"context"

	"kovit/internal/need"
)

// The navigation's count beside the desk holds a coordinator's queued duplicate pairs on
// every page. Finding them checks up to need.MaxPairs likely pairs against the needs'
// states and the dismissals, too much for each page: the count is kept with the kept
// needs copy, for as long as both it and the kept dismissals last. The store's writes
// and the change feed drop either (dropKept), so a new need or a dismissal shows at once.

// dismissedSet is the kept copy of the pairs a coordinator said are not alike
// (need_a < need_b). Its identity tells a kept count which dismissals it was made with.
type dismissedSet struct {
	pairs map[[2]int64]bool
}

func (s *Store) dismissed(ctx context.Context) (*dismissedSet, error) {
	return s.dismissals.get(ctx, func(ctx context.Context, _ *dismissedSet, _ bool) (*dismissedSet, error) {
		pairs, err := s.dismissedPairs(ctx)
		if err != nil {
			return nil, err
		}
		return &dismissedSet{pairs: pairs}, nil
	})
}

// readKey is what a read rule asks of a need.
type readKey struct {
	ehak     string
	editable bool
}

// queuedCount is how many pairs are queued, in all and by their needs' read keys, so a
// reader's count asks the rule once per key (at most twice the municipalities) and not
// once per pair.
type queuedCount struct {
	dismissed *dismissedSet
	total     int
	keys      []readKey
	byKeys    map[[2]readKey]int
}

// queuedCount is c's count with dismissals d, counted on first use and kept with c.
// Two readers counting at once both count, and either's count is as good.
func (c *needCopy) queuedCount(ctx context.Context, d *dismissedSet) (*queuedCount, error) {
	if q := c.queued.Load(); q != nil && q.dismissed == d {
		return q, nil
	}
	q := &queuedCount{dismissed: d, byKeys: map[[2]readKey]int{}}
	seen := map[readKey]bool{}
	err := c.eachQueued(ctx, d, func(p need.DuplicatePair) {
		a := readKey{p.A.MunicipalityEHAK, p.A.State.Editable()}
		b := readKey{p.B.MunicipalityEHAK, p.B.State.Editable()}
		for _, k := range []readKey{a, b} {
			if !seen[k] {
				seen[k] = true
				q.keys = append(q.keys, k)
			}
		}
		q.total++
		q.byKeys[[2]readKey{a, b}]++
	})
	if err != nil {
		return nil, err
	}
	c.queued.Store(q)
	return q, nil
}

// QueuedDuplicateCount implements need.DuplicateCounter from the kept count: a reader who
// may read every need in it (a coordinator) gets its total, anyone else the pairs whose
// two needs the rule allows.
func (s *Store) QueuedDuplicateCount(ctx context.Context, may need.ReadRule) (int, error) {
	c, err := s.needCopy(ctx)
	if err != nil {
		return 0, err
	}
	d, err := s.dismissed(ctx)
	if err != nil {
		return 0, err
	}
	q, err := c.queuedCount(ctx, d)
	if err != nil {
		return 0, err
	}
	allowed := make(map[readKey]bool, len(q.keys))
	all := true
	for _, k := range q.keys {
		allowed[k] = may(k.ehak, k.editable)
		all = all && allowed[k]
	}
	if all {
		return q.total, nil
	}
	n := 0
	for k, count := range q.byKeys {
		if allowed[k[0]] && allowed[k[1]] {
			n += count
		}
	}
	return n, nil
}
