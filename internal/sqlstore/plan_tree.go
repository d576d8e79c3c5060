package sqlstore

import (
	"context"

	"kovit/internal/plan"
)

// participantsOfStrategy selects the rows of a strategy's activities in a table keyed by
// activity_id.
const participantsOfStrategy = " WHERE activity_id IN (SELECT id FROM plan_nodes WHERE strategy_id = ?)"

// loadStrategyTree reads a tree from one snapshot (see readSnapshot), so the tree is one
// moment's state even while editors save.
func (s *Store) loadStrategyTree(ctx context.Context, strategyID int64) (plan.Tree, error) {
	var t plan.Tree
	err := s.readSnapshot(ctx, func(q querier) (err error) {
		t, err = treeFrom(ctx, q, strategyID)
		return err
	})
	return t, err
}

// treeFrom loads a strategy's tree with one query per table, through q: a read snapshot,
// or the write transaction that freezes a report.
func treeFrom(ctx context.Context, q querier, strategyID int64) (plan.Tree, error) {
	var t plan.Tree
	var err error
	if t.Strategy, err = strategyFrom(ctx, q, strategyID); err != nil {
		return t, err
	}
	if t.Nodes, err = nodesFrom(ctx, q, "strategy_id = ?", "node_id IN (SELECT id FROM plan_nodes WHERE strategy_id = ?)", strategyID); err != nil {
		return t, err
	}
	const activities = participantsOfStrategy
	if t.Participants, err = participantsFrom(ctx, q, activities, strategyID); err != nil {
		return t, err
	}
	if t.Tasks, err = tasksFrom(ctx, q, activities, strategyID); err != nil {
		return t, err
	}
	if t.Indicators, err = indicatorsFrom(ctx, q, " WHERE strategy_id = ?", strategyID); err != nil {
		return t, err
	}
	if t.LastUpdates, err = lastUpdatesFrom(ctx, q, activities, strategyID); err != nil {
		return t, err
	}
	return t, nil
}
