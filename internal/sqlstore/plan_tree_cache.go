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
// some 20 ms to read, most of what the page may take in all. Trees hold little, and plans
// change seldom compared to how often they are read, so any committed change drops every
// copy (see dropCopies): no write path needs to know which trees it touched. The
// exceptions are the commonest edits, an activity's status or completion and a
// municipality reporting its part of a joint activity: then only what was edited is read
// again, so the roll-up that follows the edit costs a few milliseconds, not a reload.
type treeCache struct {
	mu    sync.Mutex
	gen   uint64 // counts changes, so a load that raced a change does not store stale data
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
	// edited is what was edited in place since loading, when nothing else changed.
	edited treeEdits
}

// treeEdits are edits that leave a tree's shape as it was: nodes edited in place, and
// the participants of activities (added, changed or removed).
type treeEdits struct {
	nodes, participants map[int64]bool
}

func (e treeEdits) any() bool { return len(e.nodes) > 0 || len(e.participants) > 0 }

// with is e and more: new maps, since the old ones may be in a refresh's hands.
func (e treeEdits) with(nodes, activities []int64) treeEdits {
	union := func(m map[int64]bool, ids []int64) map[int64]bool {
		out := make(map[int64]bool, len(m)+len(ids))
		for id := range m {
			out[id] = true
		}
		for _, id := range ids {
			out[id] = true
		}
		return out
	}
	return treeEdits{nodes: union(e.nodes, nodes), participants: union(e.participants, activities)}
}

func (c *treeCache) invalidate() {
	c.mu.Lock()
	c.gen++
	c.trees = nil
	c.mu.Unlock()
}

// editedInPlace marks nodes and the participants of activities out of date in every
// tree, and only them.
func (c *treeCache) editedInPlace(nodes, activities []int64) {
	c.mu.Lock()
	c.gen++
	for id, e := range c.trees {
		e.edited = e.edited.with(nodes, activities)
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
	if ok && !e.edited.any() && time.Since(e.loadedAt) < cacheTTL {
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

// refreshTree reads a tree again, or only what was edited since kept was read, and
// keeps it unless a change came in meanwhile (gen moved on).
func (s *Store) refreshTree(ctx context.Context, strategyID int64, kept cachedTree, ok bool, gen uint64) (plan.Tree, error) {
	var t plan.Tree
	var err error
	var latest map[int64]plan.Point
	loadedAt := time.Now()
	if ok && kept.edited.any() && time.Since(kept.loadedAt) < cacheTTL {
		// The rest of the tree is as old as it was: it keeps its time, and the indicators
		// their latest values.
		t, err = s.withEdits(ctx, kept.tree, kept.edited)
		loadedAt, latest = kept.loadedAt, kept.latest
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
		c.trees[strategyID] = cachedTree{tree: t, loadedAt: loadedAt, latest: latest}
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
	// The latest national figure needs only each municipality's latest value (and the
	// latest national one), not the thousands of values behind them.
	ms, err := measurementsFrom(ctx, s.query, ` WHERE id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (
		PARTITION BY indicator_id, municipality_ehak ORDER BY measured_on DESC, id DESC) AS n FROM plan_measurements
		WHERE indicator_id IN (SELECT id FROM plan_indicators WHERE strategy_id = ?)) latest WHERE n = 1)`, strategyID)
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

// withEdits is t with the edited nodes and the participants of the edited activities read
// again, in one snapshot; the rest of t is unchanged. Only t's own nodes are kept.
func (s *Store) withEdits(ctx context.Context, t plan.Tree, e treeEdits) (plan.Tree, error) {
	var nodes []plan.Node
	var fresh []plan.Participant
	err := s.readSnapshot(ctx, func(query planQuery) (err error) {
		if len(e.nodes) > 0 {
			in, ids := inList(e.nodes)
			if nodes, err = nodesFrom(ctx, query, "id "+in, "node_id "+in, ids...); err != nil {
				return err
			}
		}
		if len(e.participants) > 0 {
			in, ids := inList(e.participants)
			fresh, err = participantsFrom(ctx, query, ` WHERE activity_id `+in+
				` AND activity_id IN (SELECT id FROM plan_nodes WHERE strategy_id = ?)`, append(ids, t.Strategy.ID)...)
		}
		return err
	})
	if err != nil {
		return plan.Tree{}, err
	}
	if len(e.participants) == 0 {
		return t.WithEdits(nodes, nil), nil
	}
	parts := make([]plan.Participant, 0, len(t.Participants)+len(fresh))
	for _, p := range t.Participants {
		if !e.participants[p.ActivityID] {
			parts = append(parts, p)
		}
	}
	parts = append(parts, fresh...)
	// In the order a full load reads them.
	slices.SortFunc(parts, func(a, b plan.Participant) int {
		return cmp.Or(cmp.Compare(a.ActivityID, b.ActivityID), strings.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK))
	})
	return t.WithEdits(nodes, parts), nil
}

// inList is "IN (?, ?, …)" for ids, and ids as query arguments.
func inList(ids map[int64]bool) (string, []any) {
	args := make([]any, 0, len(ids))
	for id := range ids {
		args = append(args, id)
	}
	return "IN (" + placeholders(len(args)) + ")", args
}
