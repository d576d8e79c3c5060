package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/need"
)

// SuggestedDuplicates implements need.DuplicateQueue from the kept needs: the index finds
// its likely pairs once (need.Index.LikelyPairs), and each call keeps those still queued
// and not dismissed (the kept dismissals).
func (s *Store) SuggestedDuplicates(ctx context.Context) ([]need.DuplicatePair, error) {
	c, err := s.needCopy(ctx)
	if err != nil {
		return nil, err
	}
	dismissed, err := s.dismissed(ctx)
	if err != nil {
		return nil, err
	}
	var out []need.DuplicatePair
	err = c.eachQueued(ctx, dismissed, func(d need.DuplicatePair) {
		d.A, d.B = copyNeed(d.A), copyNeed(d.B)
		out = append(out, d)
	})
	return out, err
}

// eachQueued calls fn with each likely pair still queued and not dismissed, best first;
// the pair's needs are the kept copy's own. need.ErrPairsPending while the pairs are
// still being found.
func (c *needCopy) eachQueued(ctx context.Context, dismissed *dismissedSet, fn func(need.DuplicatePair)) error {
	pairs, err := c.indexed().LikelyPairsWithin(ctx, need.LikelyPairsWait)
	if err != nil {
		return err
	}
	for _, p := range pairs {
		i, ok := c.byID[p.A]
		j, ok2 := c.byID[p.B]
		if !ok || !ok2 || dismissed.pairs[[2]int64{p.A, p.B}] {
			continue
		}
		if d := (need.DuplicatePair{A: c.needs[i], B: c.needs[j], Score: p.Score}); d.Queued() {
			fn(d)
		}
	}
	return nil
}

// dismissedPairs are the pairs a coordinator said are not alike (need_a < need_b).
func (s *Store) dismissedPairs(ctx context.Context) (map[[2]int64]bool, error) {
	rows, err := s.query(ctx, `SELECT need_a, need_b FROM need_dismissed`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: dismissed pairs: %w", err)
	}
	defer rows.Close()
	out := map[[2]int64]bool{}
	for rows.Next() {
		var a, b int64
		if err := rows.Scan(&a, &b); err != nil {
			return nil, err
		}
		out[[2]int64{a, b}] = true
	}
	return out, rows.Err()
}
