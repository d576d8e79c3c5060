package sqlstore

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"

	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// treeCache keeps loaded strategy trees in memory. The public tree page, the activity list
// and the roll-up all start from a whole tree, and a plan of a thousand activities takes
// some 25 ms to read, more than the page may take in all. Trees hold little, and plans
// change seldom compared to how often they are read, so any committed change drops every
// copy (see dropCopies): no write path needs to know which trees it touched. The one
// exception is the commonest edit, a municipality reporting its part of a joint activity:
// then only the trees' participants are read again, so the roll-up that follows the edit
// costs a few milliseconds rather than a whole reload.
type treeCache struct {
	mu    sync.Mutex
	gen   uint64 // counts drops, so a load that raced a change does not store stale data
	trees map[int64]cachedTree
	// loads lets one request read a tree while others that want it at the same moment
	// wait for that read, rather than a busy server reading it once per request.
	loads singleflight.Group
}

type cachedTree struct {
	tree     plan.Tree // never modified after loading
	loadedAt time.Time
	// latest is each indicator's latest national figure, worked out on first use.
	latest map[int64]plan.Point
	// partsChanged lists the activities whose participants changed since loading, when
	// nothing else did.
	partsChanged map[int64]bool
}

func (c *treeCache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.trees = nil
	c.mu.Unlock()
}

// participantsChanged marks the participants of activities out of date in every tree, and
// only them; without activities it drops every tree.
func (c *treeCache) participantsChanged(activities []int64) {
	if len(activities) == 0 {
		c.invalidate()
		return
	}
	c.mu.Lock()
	c.gen++
	for id, e := range c.trees {
		changed := map[int64]bool{}
		for a := range e.partsChanged {
			changed[a] = true
		}
		for _, a := range activities {
			changed[a] = true
		}
		e.partsChanged = changed
		c.trees[id] = e
	}
	c.mu.Unlock()
}

// StrategyTree implements plan.Store. The tree is shared by every caller until a change
// replaces it, indexed once (plan.Tree.Shared): a page of a thousand activities then costs
// no copying, no children map and no roll-up of its own. Nothing may change it.
func (s *Store) StrategyTree(ctx context.Context, strategyID int64) (plan.Tree, error) {
	c := &s.trees
	c.mu.Lock()
	e, ok := c.trees[strategyID]
	gen := c.gen
	c.mu.Unlock()
	if ok && e.partsChanged == nil && time.Since(e.loadedAt) < cacheTTL {
		return e.tree, nil
	}
	// Callers that miss together share one read. The key holds the generation, so a
	// caller who has just changed something never shares a read that began before it.
	key := strconv.FormatInt(strategyID, 10) + "/" + strconv.FormatUint(gen, 10)
	v, err, _ := c.loads.Do(key, func() (any, error) {
		return s.refreshTree(context.WithoutCancel(ctx), strategyID, e, ok, gen)
	})
	if err != nil {
		return plan.Tree{}, err
	}
	return v.(plan.Tree), nil
}

// refreshTree reads a tree again, or only the participants that changed since kept was
// read, and keeps it unless a change came in meanwhile (gen moved on).
func (s *Store) refreshTree(ctx context.Context, strategyID int64, kept cachedTree, ok bool, gen uint64) (plan.Tree, error) {
	var t plan.Tree
	var err error
	loadedAt := time.Now()
	if ok && kept.partsChanged != nil && time.Since(kept.loadedAt) < cacheTTL {
		// The rest of the tree is as old as it was: it keeps its time.
		t, err = s.withNewParticipants(ctx, kept.tree, kept.partsChanged)
		loadedAt = kept.loadedAt
	} else if t, err = s.loadStrategyTree(ctx, strategyID); err == nil {
		t = t.Shared()
	}
	if err != nil {
		return t, err
	}
	c := &s.trees
	c.mu.Lock()
	if c.gen == gen {
		if c.trees == nil {
			c.trees = map[int64]cachedTree{}
		}
		c.trees[strategyID] = cachedTree{tree: t, loadedAt: loadedAt}
	}
	c.mu.Unlock()
	return t, nil
}

// LatestValues implements plan.Store: the latest national figure of each of a strategy's
// indicators, kept beside its tree. Lists of indicators show only this, and the values
// behind one broken-down indicator can run to thousands of rows.
func (s *Store) LatestValues(ctx context.Context, strategyID int64) (map[int64]plan.Point, error) {
	t, err := s.StrategyTree(ctx, strategyID)
	if err != nil {
		return nil, err
	}
	c := &s.trees
	c.mu.Lock()
	e, ok := c.trees[strategyID]
	gen := c.gen
	c.mu.Unlock()
	if ok && e.latest != nil {
		return e.latest, nil
	}
	ms, err := measurementsFrom(ctx, s.query, ` WHERE indicator_id IN (SELECT id FROM plan_indicators WHERE strategy_id = ?)`, strategyID)
	if err != nil {
		return nil, err
	}
	_, count, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: 1})
	if err != nil {
		return nil, err
	}
	byIndicator := map[int64][]plan.Measurement{}
	for _, m := range ms {
		byIndicator[m.IndicatorID] = append(byIndicator[m.IndicatorID], m)
	}
	latest := map[int64]plan.Point{}
	for _, ind := range t.Indicators {
		if series := ind.Series(byIndicator[ind.ID], count); len(series) > 0 {
			latest[ind.ID] = series[len(series)-1]
		}
	}
	c.mu.Lock()
	if e, ok := c.trees[strategyID]; ok && c.gen == gen {
		e.latest = latest
		c.trees[strategyID] = e
	}
	c.mu.Unlock()
	return latest, nil
}

// withNewParticipants is t with the participants of the activities read again; the rest
// of t is unchanged. Only activities of t's strategy are read.
func (s *Store) withNewParticipants(ctx context.Context, t plan.Tree, activities map[int64]bool) (plan.Tree, error) {
	ids := make([]any, 0, len(activities)+1)
	marks := make([]string, 0, len(activities))
	for a := range activities {
		ids, marks = append(ids, a), append(marks, "?")
	}
	ids = append(ids, t.Strategy.ID)
	fresh, err := participantsFrom(ctx, s.query, ` WHERE activity_id IN (`+strings.Join(marks, ", ")+
		`) AND activity_id IN (SELECT id FROM plan_nodes WHERE strategy_id = ?)`, ids...)
	if err != nil {
		return plan.Tree{}, err
	}
	parts := make([]plan.Participant, 0, len(t.Participants)+len(fresh))
	for _, p := range t.Participants {
		if !activities[p.ActivityID] {
			parts = append(parts, p)
		}
	}
	parts = append(parts, fresh...)
	// In the order a full load reads them.
	slices.SortFunc(parts, func(a, b plan.Participant) int {
		return cmp.Or(cmp.Compare(a.ActivityID, b.ActivityID), strings.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK))
	})
	return t.WithParticipants(parts), nil
}
