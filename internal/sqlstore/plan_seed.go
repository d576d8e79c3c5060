package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/plan"
)

// LoadStrategies implements plan.Store. A seed whose code is stored is skipped whole, so a
// goal a coordinator deleted from a seeded strategy does not come back on the next start.
func (s *Store) LoadStrategies(ctx context.Context, seeds []plan.Seed) error {
	return s.transact(ctx, func(tx *tx) error {
		if err := tx.loadMunicipalityOrganisations(ctx); err != nil {
			return err
		}
		for _, seed := range seeds {
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM plan_strategies WHERE code = ?`, seed.Strategy.Code).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				continue
			}
			if err := tx.loadSeed(ctx, seed); err != nil {
				return fmt.Errorf("sqlstore: seed %s: %w", seed.Strategy.Code, err)
			}
		}
		return nil
	})
}

func (t *tx) loadSeed(ctx context.Context, seed plan.Seed) error {
	st := seed.Strategy.WithDefaults()
	if err := st.Validate(); err != nil {
		return err
	}
	id, err := t.insertStrategy(ctx, st)
	if err != nil {
		return err
	}
	if st, err = strategyFrom(ctx, t, id); err != nil {
		return err
	}
	if err := t.record(ctx, audit.KindStrategy, strconv.FormatInt(id, 10), audit.Create, nil, st); err != nil {
		return err
	}
	for pos, n := range seed.Nodes {
		n.StrategyID, n.ParentID, n.Position = id, nil, pos
		n = n.Normalize(st.Statuses)
		if err := n.Validate(st.Statuses); err != nil {
			return fmt.Errorf("node %s: %w", n.Code, err)
		}
		nodeID, err := t.insert(ctx, `INSERT INTO plan_nodes (strategy_id, kind, code, title_et, title_en, description_et,
			description_en, position, weight, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
			id, string(n.Kind), n.Code, n.TitleEt, n.TitleEn, n.DescriptionEt, n.DescriptionEn, pos, n.Weight, t.s.now(), actorOf(ctx).name)
		if err != nil {
			return fmt.Errorf("node %s: %w", n.Code, err)
		}
		if n, err = nodeFrom(ctx, t, nodeID); err != nil {
			return err
		}
		if err := t.record(ctx, audit.KindPlanNode, strconv.FormatInt(nodeID, 10), audit.Create, nil, n); err != nil {
			return err
		}
	}
	return nil
}
