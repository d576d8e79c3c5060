package sqlstore

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// treeCache keeps loaded strategy trees in memory, each a kept copy of its own. The public
// tree page, the activity list and the roll-up all start from a whole tree, and a plan of
// a thousand activities takes some 20 ms to read, most of what the page may take in all.
// Trees hold little, and plans change seldom compared to how often they are read, so any
// committed change drops every copy (see dropCopies): no write path needs to know which
// trees it touched. The exceptions are the commonest edits, an activity's status or
// completion and a municipality reporting its part of a joint activity: then the copies
// are edited (kept.edit) and only what was edited is read again, so the roll-up that
// follows the edit costs a few milliseconds, not a reload.
type treeCache struct {
	mu    sync.Mutex
	trees map[int64]*kept[*treeCopy]
}

// treeCopy is one strategy's tree as kept.
type treeCopy struct {
	tree plan.Tree // never modified after loading
	// edited is what was edited in place since loading, when nothing else changed.
	edited treeEdits
	// latest is each indicator's latest national figure, worked out on first use.
	latest atomic.Pointer[map[int64]plan.Point]
}

// treeEdits are edits that leave a tree's shape as it was: nodes edited in place, and
// the participants of activities (added, changed or removed).
type treeEdits struct {
	nodes, participants map[int64]bool
}

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

// of is strategyID's kept tree, empty when it was not read since the last drop.
func (c *treeCache) of(strategyID int64) *kept[*treeCopy] {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.trees[strategyID]
	if k == nil {
		if c.trees == nil {
			c.trees = map[int64]*kept[*treeCopy]{}
		}
		k = &kept[*treeCopy]{}
		c.trees[strategyID] = k
	}
	return k
}

// forget removes strategyID's kept tree if it is k and holds nothing, so asking for
// strategies that do not exist leaves nothing behind.
func (c *treeCache) forget(strategyID int64, k *kept[*treeCopy]) {
	c.mu.Lock()
	if c.trees[strategyID] == k && k.empty() {
		delete(c.trees, strategyID)
	}
	c.mu.Unlock()
}

// invalidate drops every tree. The kept trees are let go too rather than kept for the
// next load: a full load reuses nothing of them.
func (c *treeCache) invalidate() {
	c.mu.Lock()
	for _, k := range c.trees {
		k.drop() // for a reader that took k before this
	}
	c.trees = nil
	c.mu.Unlock()
}

// editedInPlace marks nodes and the participants of activities out of date in every
// tree, and only them.
func (c *treeCache) editedInPlace(nodes, activities []int64) {
	c.mu.Lock()
	for _, k := range c.trees {
		k.edit(func(old *treeCopy) *treeCopy {
			t := &treeCopy{tree: old.tree, edited: old.edited.with(nodes, activities)}
			t.latest.Store(old.latest.Load())
			return t
		})
	}
	c.mu.Unlock()
}

// StrategyTree implements plan.Store. The tree is shared by every caller until a change
// replaces it, indexed once (plan.Tree.Shared): a page of a thousand activities then costs
// no copying, no children map and no roll-up of its own. Nothing may change it.
func (s *Store) StrategyTree(ctx context.Context, strategyID int64) (plan.Tree, error) {
	t, err := s.treeCopy(ctx, strategyID)
	if err != nil {
		return plan.Tree{}, err
	}
	return t.tree, nil
}

func (s *Store) treeCopy(ctx context.Context, strategyID int64) (*treeCopy, error) {
	k := s.trees.of(strategyID)
	t, err := k.get(ctx, func(ctx context.Context, last *treeCopy, edited bool) (*treeCopy, error) {
		if edited {
			tree, err := s.withEdits(ctx, last.tree, last.edited)
			if err != nil {
				return nil, err
			}
			// The indicators keep their latest values: no edit in place touches them.
			t := &treeCopy{tree: tree}
			t.latest.Store(last.latest.Load())
			return t, nil
		}
		tree, err := s.loadStrategyTree(ctx, strategyID)
		if err != nil {
			return nil, err
		}
		return &treeCopy{tree: tree.Shared()}, nil
	})
	if err != nil {
		s.trees.forget(strategyID, k)
	}
	return t, err
}

// LatestValues implements plan.Store: the latest national figure of each of a strategy's
// indicators, kept beside its tree. Lists of indicators show only this, and the values
// behind one broken-down indicator can run to thousands of rows.
func (s *Store) LatestValues(ctx context.Context, strategyID int64) (map[int64]plan.Point, error) {
	c, err := s.treeCopy(ctx, strategyID)
	if err != nil {
		return nil, err
	}
	if latest := c.latest.Load(); latest != nil {
		return *latest, nil
	}
	t := c.tree
	// The latest national figure needs only each municipality's latest value (and the
	// latest national one), not the thousands of values behind them.
	ms, err := measurementsFrom(ctx, s, ` WHERE id IN (SELECT id FROM (SELECT id, ROW_NUMBER() OVER (
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
	// Kept with the copy it was worked out from: a change since has replaced that copy.
	c.latest.Store(&latest)
	return latest, nil
}

// withEdits is t with the edited nodes and the participants of the edited activities read
// again, in one snapshot; the rest of t is unchanged. Only t's own nodes are kept.
func (s *Store) withEdits(ctx context.Context, t plan.Tree, e treeEdits) (plan.Tree, error) {
	var nodes []plan.Node
	var fresh []plan.Participant
	err := s.readSnapshot(ctx, func(q querier) (err error) {
		if len(e.nodes) > 0 {
			in, ids := inList(e.nodes)
			if nodes, err = nodesFrom(ctx, q, "id "+in, "node_id "+in, ids...); err != nil {
				return err
			}
		}
		if len(e.participants) > 0 {
			in, ids := inList(e.participants)
			fresh, err = participantsFrom(ctx, q, ` WHERE activity_id `+in+
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
