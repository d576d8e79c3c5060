package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"kovit/internal/plan"
)

// participantsOfStrategy selects the rows of a strategy's activities in a table keyed by
// activity_id.
const participantsOfStrategy = " WHERE activity_id IN (SELECT id FROM plan_nodes WHERE strategy_id = ?)"

// loadStrategyTree reads a tree from one snapshot (see readSnapshot), so the tree is one
// moment's state even while editors save.
func (s *Store) loadStrategyTree(ctx context.Context, strategyID int64) (plan.Tree, error) {
	var t plan.Tree
	err := s.readSnapshot(ctx, func(query planQuery) (err error) {
		t, err = treeFrom(ctx, query, strategyID)
		return err
	})
	return t, err
}

// readSnapshot runs fn in one read-only transaction: on PostgreSQL at repeatable read, and
// on SQLite, whose transactions read one snapshot anyway (its driver ignores the level).
func (s *Store) readSnapshot(ctx context.Context, fn func(planQuery) error) error {
	snap, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return fmt.Errorf("sqlstore: begin read: %w", err)
	}
	defer snap.Rollback() // nothing was written; ending the transaction is all that is left
	return fn(func(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
		return snap.QueryContext(ctx, s.engine.rebind(q), args...)
	})
}

// treeFrom loads a strategy's tree with one query per table, through query: a read
// snapshot, or the write transaction that freezes a report.
func treeFrom(ctx context.Context, query planQuery, strategyID int64) (plan.Tree, error) {
	var t plan.Tree
	rows, err := query(ctx, `SELECT `+strategyColumns+` FROM plan_strategies WHERE id = ?`, strategyID)
	if err != nil {
		return t, fmt.Errorf("sqlstore: strategy: %w", err)
	}
	if !rows.Next() {
		rows.Close()
		if err := rows.Err(); err != nil {
			return t, err
		}
		return t, notFound(sql.ErrNoRows)
	}
	t.Strategy, err = scanStrategy(rows)
	rows.Close()
	if err != nil {
		return t, err
	}
	if t.Nodes, err = nodesFrom(ctx, query, "strategy_id = ?", "node_id IN (SELECT id FROM plan_nodes WHERE strategy_id = ?)", strategyID); err != nil {
		return t, err
	}
	const activities = participantsOfStrategy
	if t.Participants, err = participantsFrom(ctx, query, activities, strategyID); err != nil {
		return t, err
	}
	if t.Tasks, err = tasksFrom(ctx, query, activities, strategyID); err != nil {
		return t, err
	}
	if t.Indicators, err = indicatorsFrom(ctx, query, " WHERE strategy_id = ?", strategyID); err != nil {
		return t, err
	}
	if t.LastUpdates, err = lastUpdatesFrom(ctx, query, activities, strategyID); err != nil {
		return t, err
	}
	return t, nil
}
