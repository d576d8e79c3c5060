package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"kovit/internal/plan"
)

// loadStrategyTree reads a tree in one read-only transaction, so it is one moment's state
// even while editors save: on PostgreSQL at repeatable read, and on SQLite, whose
// transactions read one snapshot anyway (its driver ignores the level).
func (s *Store) loadStrategyTree(ctx context.Context, strategyID int64) (plan.Tree, error) {
	snap, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return plan.Tree{}, fmt.Errorf("sqlstore: begin read: %w", err)
	}
	defer snap.Rollback() // nothing was written; ending the transaction is all that is left
	query := func(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
		return snap.QueryContext(ctx, s.engine.rebind(q), args...)
	}
	var t plan.Tree
	t.Strategy, err = scanStrategy(snap.QueryRowContext(ctx, s.engine.rebind(`SELECT `+strategyColumns+` FROM plan_strategies WHERE id = ?`), strategyID))
	if err != nil {
		return t, notFound(err)
	}
	if t.Nodes, err = nodesFrom(ctx, query, "strategy_id = ?", "node_id IN (SELECT id FROM plan_nodes WHERE strategy_id = ?)", strategyID); err != nil {
		return t, err
	}
	const activities = " WHERE activity_id IN (SELECT id FROM plan_nodes WHERE strategy_id = ?)"
	if t.Participants, err = participantsFrom(ctx, query, activities, strategyID); err != nil {
		return t, err
	}
	if t.Tasks, err = tasksFrom(ctx, query, activities, strategyID); err != nil {
		return t, err
	}
	if t.Indicators, err = indicatorsFrom(ctx, query, " WHERE strategy_id = ?", strategyID); err != nil {
		return t, err
	}
	return t, nil
}
