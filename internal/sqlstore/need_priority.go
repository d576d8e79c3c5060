package sqlstore

import (
	"context"
	"fmt"

	"kovit/internal/audit"
	"kovit/internal/need"
)

// Weights implements need.Store.
func (s *Store) Weights(ctx context.Context) (need.Weights, error) {
	return scanWeights(s.queryRow(ctx, weightsQuery))
}

const weightsQuery = `SELECT municipalities, population, strategy_fit, urgency, cost_efficiency, version FROM need_weights WHERE id = 1`

func scanWeights(row scanner) (need.Weights, error) {
	var w need.Weights
	err := row.Scan(&w.Municipalities, &w.Population, &w.StrategyFit, &w.Urgency, &w.CostEfficiency, &w.Version)
	return w, err
}

// SetWeights implements need.Store.
func (s *Store) SetWeights(ctx context.Context, w need.Weights) (need.Weights, error) {
	if err := w.Validate(); err != nil {
		return w, err
	}
	err := s.transact(ctx, func(tx *tx) error {
		before, err := scanWeights(tx.queryRow(ctx, weightsQuery))
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE need_weights SET municipalities = ?, population = ?, strategy_fit = ?, urgency = ?,
			cost_efficiency = ?, version = version + 1 WHERE id = 1 AND version = ?`, w.Municipalities, w.Population,
			w.StrategyFit, w.Urgency, w.CostEfficiency, w.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: set weights: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		w.Version++
		return tx.record(ctx, audit.KindNeedWeights, "1", audit.Update, before, w)
	})
	return w, err
}

// Priorities implements need.Store.
func (s *Store) Priorities(ctx context.Context, f need.ConsolidatedFilter) ([]need.Ranked, error) {
	cs, err := s.ListConsolidated(ctx, f)
	if err != nil {
		return nil, err
	}
	w, err := s.Weights(ctx)
	if err != nil {
		return nil, err
	}
	return need.Rank(cs, w), nil
}
