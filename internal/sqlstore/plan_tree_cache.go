package sqlstore

import (
	"context"
	"slices"
	"sync"
	"time"

	"kovit/internal/plan"
)

// treeCache keeps loaded strategy trees in memory. The public tree page, the activity list
// and the roll-up all start from a whole tree, and a plan of a thousand activities takes
// some 25 ms to read, more than the page may take in all. Trees hold little, and plans
// change seldom compared to how often they are read, so any committed change drops every
// copy (see dropCopies): no write path needs to know which trees it touched.
type treeCache struct {
	mu    sync.Mutex
	gen   uint64 // counts drops, so a load that raced a change does not store stale data
	trees map[int64]cachedTree
}

type cachedTree struct {
	tree     plan.Tree // never modified after loading
	loadedAt time.Time
}

func (c *treeCache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.trees = nil
	c.mu.Unlock()
}

// StrategyTree implements plan.Store. The tree's slices are the caller's; what the records
// in them point to (id lists, dates, amounts) is shared with the copy and must not change.
func (s *Store) StrategyTree(ctx context.Context, strategyID int64) (plan.Tree, error) {
	c := &s.trees
	c.mu.Lock()
	e, ok := c.trees[strategyID]
	gen := c.gen
	c.mu.Unlock()
	if !ok || time.Since(e.loadedAt) >= cacheTTL {
		t, err := s.loadStrategyTree(ctx, strategyID)
		if err != nil {
			return t, err
		}
		e = cachedTree{t, time.Now()}
		c.mu.Lock()
		if c.gen == gen {
			if c.trees == nil {
				c.trees = map[int64]cachedTree{}
			}
			c.trees[strategyID] = e
		}
		c.mu.Unlock()
	}
	t := e.tree
	t.Nodes, t.Participants = slices.Clone(t.Nodes), slices.Clone(t.Participants)
	t.Tasks, t.Indicators = slices.Clone(t.Tasks), slices.Clone(t.Indicators)
	return t, nil
}
