package sqlstore

import (
	"context"

	"kovit/internal/plan"
)

// ImportPlan implements plan.Store: it applies rows read from a spreadsheet to a
// strategy's tree in one transaction, all or nothing. The rows are reconciled again
// against the tree as the transaction sees it, in case it changed since the file was
// checked. An unchanged row writes nothing, so importing an export adds no versions and
// no audit events; every other row is saved and audited like a form's save, each update
// on the version the transaction read.
func (s *Store) ImportPlan(ctx context.Context, strategyID int64, rows []plan.ImportRow) (plan.ImportResult, error) {
	var res plan.ImportResult
	err := s.transact(ctx, func(tx *tx) error {
		st, err := tx.strategy(ctx, strategyID)
		if err == nil {
			err = st.Status.Writable()
		}
		if err != nil {
			return err
		}
		nodes, err := nodesFrom(ctx, tx.query, "strategy_id = ?", "node_id IN (SELECT id FROM plan_nodes WHERE strategy_id = ?)", strategyID)
		if err != nil {
			return err
		}
		p, err := plan.Reconcile(rows, st, nodes)
		if err != nil {
			return err
		}
		ids := make(map[string]int64, len(nodes)+len(p.Create))
		for _, n := range nodes {
			ids[n.Code] = n.ID
		}
		for _, n := range p.Update {
			if _, err := tx.updateNode(ctx, n); err != nil {
				return err
			}
		}
		for _, n := range p.Create {
			if n.ParentCode != "" {
				parent := ids[n.ParentCode]
				n.ParentID = &parent
			}
			created, err := tx.createNode(ctx, n.Node)
			if err != nil {
				return err
			}
			ids[created.Code] = created.ID
		}
		res = plan.ImportResult{Created: len(p.Create), Updated: len(p.Update), Unchanged: p.Unchanged}
		return nil
	})
	return res, err
}
