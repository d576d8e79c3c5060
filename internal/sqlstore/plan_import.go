package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// ImportPlan implements plan.Store: it applies rows read from a spreadsheet to a
// strategy's tree in one transaction, all or nothing. The rows are reconciled again
// against the tree as the transaction sees it, in case it changed since the file was
// checked. An unchanged row writes nothing, so importing an export adds no versions and
// no audit events; every other row is saved and audited like a form's save, each update
// on the version the transaction read. Everything is checked before the first write;
// new nodes are then written a level at a time, a few hundred a statement, so that a
// 20,000-row plan holds the write lock for a moment, not for seconds.
func (s *Store) ImportPlan(ctx context.Context, strategyID int64, rows []plan.ImportRow) (plan.ImportResult, error) {
	var res plan.ImportResult
	err := s.transact(ctx, func(tx *tx) error {
		st, err := strategyFrom(ctx, tx, strategyID)
		if err == nil {
			err = st.Status.Writable()
		}
		if err != nil {
			return err
		}
		nodes, err := nodesFrom(ctx, tx, "strategy_id = ?", "node_id IN (SELECT id FROM plan_nodes WHERE strategy_id = ?)", strategyID)
		if err != nil {
			return err
		}
		p, err := plan.Reconcile(rows, st, nodes)
		if err != nil {
			return err
		}
		if err := tx.checkImportedNodes(ctx, p); err != nil {
			return err
		}
		before := make(map[int64]plan.Node, len(nodes))
		for _, n := range nodes {
			before[n.ID] = n
		}
		updated, err := tx.updateImportedNodes(ctx, p.Update)
		if err != nil {
			return err
		}
		created, err := tx.createImportedNodes(ctx, strategyID, nodes, p.Create)
		if err != nil {
			return err
		}
		var partners []any
		for _, n := range append(append([]plan.Node{}, p.Update...), created...) {
			for _, org := range n.PartnerOrgIDs {
				partners = append(partners, n.ID, org)
			}
		}
		if err := tx.deleteByIDs(ctx, `DELETE FROM plan_node_partners WHERE node_id IN`, idsOfNodes(p.Update)); err != nil {
			return err
		}
		if _, err := tx.execRows(ctx, `INSERT INTO plan_node_partners (node_id, org_id) VALUES`, 2, partners, ""); err != nil {
			return fmt.Errorf("sqlstore: plan_node_partners: %w", err)
		}
		if err := tx.auditImportedNodes(ctx, before, updated, created); err != nil {
			return err
		}
		res = plan.ImportResult{Created: len(p.Create), Updated: len(p.Update), Unchanged: p.Unchanged}
		return nil
	})
	return res, err
}

// checkImportedNodes is what checkNode finds beyond Reconcile, for every node at once:
// organisations that do not exist (any more), and a new code twice in the file.
func (t *tx) checkImportedNodes(ctx context.Context, p plan.ImportPlan) error {
	orgs, err := t.stringSet(ctx, `SELECT CAST(id AS TEXT) FROM plan_organisations`)
	if err != nil {
		return err
	}
	var pr kovit.Problems
	known := func(field string, ids []int64) {
		for _, id := range ids {
			if !orgs[strconv.FormatInt(id, 10)] && !pr.Has(field) {
				pr.Add(field, "plan.error.unknown_organisation")
			}
		}
	}
	codes := map[string]bool{}
	for _, n := range p.Create {
		if codes[n.Code] && !pr.Has("code") {
			pr.Add("code", "plan.error.code_taken")
		}
		codes[n.Code] = true
	}
	for _, n := range append(append([]plan.Node{}, p.Update...), nodesOf(p.Create)...) {
		known("lead_org_id", idsOf(n.LeadOrgID))
		known("partner_org_ids", n.PartnerOrgIDs)
	}
	return pr.Err()
}

// updateImportedNodes writes the fields an import sets, each node on the version
// Reconcile read, and returns the nodes as now stored. The nodes go a few hundred a
// statement, joined to the rows of a VALUES list: one statement a node made a
// 20,000-node import 20,000 round trips, most of the time PostgreSQL held it.
func (t *tx) updateImportedNodes(ctx context.Context, nodes []plan.Node) ([]plan.Node, error) {
	now, by := t.s.now(), actorOf(ctx).name
	if t.nodesEdited == nil {
		t.nodesEdited = map[string]bool{}
	}
	out := make([]plan.Node, 0, len(nodes))
	most := batchRows(nodeUpdateWidth)
	var full *sql.Stmt // the statement of most nodes
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	err := inBatches(ctx, len(nodes), nodeUpdateWidth, func(from, n int) error {
		batch := nodes[from : from+n]
		args := make([]any, 0, 2+n*nodeUpdateWidth)
		args = append(args, now, by)
		for _, nd := range batch {
			args = append(args, nd.ID, nd.Version, nd.Code, nd.TitleEt, nd.TitleEn, nd.LeadOrgID, dayArg(nd.Start), dayArg(nd.End),
				nd.Status, nd.Completion)
		}
		var res sql.Result
		var err error
		if n == most {
			if full == nil {
				// Prepared once: SQLite compiles a statement each time it is run, and
				// compiling one of a few hundred rows costs more than running it.
				if full, err = t.PrepareContext(ctx, t.s.engine.rebind(nodeUpdate(most))); err != nil {
					return fmt.Errorf("sqlstore: update nodes: %w", err)
				}
			}
			res, err = full.ExecContext(ctx, args...)
		} else {
			res, err = t.exec(ctx, nodeUpdate(n), args...)
		}
		if err != nil {
			return fmt.Errorf("sqlstore: update nodes: %w", err)
		}
		// A node saved meanwhile on another version is not updated: the import conflicts.
		k, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if k != int64(n) {
			return kovit.Conflict()
		}
		for _, nd := range batch {
			t.nodesEdited[strconv.FormatInt(nd.ID, 10)] = true
			nd.Version, nd.UpdatedAt, nd.UpdatedBy = nd.Version+1, now, by
			out = append(out, nd)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// nodeUpdate is the statement that updates rows nodes: the time and author, then the
// nodes' rows (nodeUpdateRow).
func nodeUpdate(rows int) string {
	return `UPDATE plan_nodes SET code = v.column3, title_et = v.column4, title_en = v.column5,
		lead_org_id = v.column6, start_date = v.column7, end_date = v.column8, status = v.column9, completion = v.column10,
		version = plan_nodes.version + 1, updated_at = ?, updated_by = ?
		FROM (VALUES ` + repeatRow(nodeUpdateRow, rows) + `) AS v
		WHERE plan_nodes.id = v.column1 AND plan_nodes.version = v.column2`
}

// nodeUpdateRow is a node's row in updateImportedNodes' VALUES: id, version, code, titles,
// lead, dates, status and completion. The casts give PostgreSQL the numbers' types, which
// it cannot tell from a VALUES list of parameters alone.
const (
	nodeUpdateRow   = "(CAST(? AS BIGINT), CAST(? AS INTEGER), ?, ?, ?, CAST(? AS BIGINT), ?, ?, ?, CAST(? AS INTEGER))"
	nodeUpdateWidth = 10
)

// createImportedNodes inserts the new nodes a level at a time (parents first, as
// Reconcile orders them), each after its existing and earlier new siblings as createNode
// places it, and returns them with their ids.
func (t *tx) createImportedNodes(ctx context.Context, strategyID int64, existing []plan.Node, create []plan.NewNode) ([]plan.Node, error) {
	ids := make(map[string]int64, len(existing)+len(create))
	next := map[int64]int{} // next position under a parent; 0 is the top
	for _, n := range existing {
		ids[n.Code] = n.ID
		parent := int64(0)
		if n.ParentID != nil {
			parent = *n.ParentID
		}
		next[parent] = max(next[parent], n.Position+1)
	}
	out := make([]plan.Node, 0, len(create))
	now, by := t.s.now(), actorOf(ctx).name
	for start := 0; start < len(create); {
		end := start
		for end < len(create) && create[end].Kind == create[start].Kind {
			end++
		}
		var args []any
		for _, c := range create[start:end] {
			n := c.Node
			n.StrategyID = strategyID
			parent := int64(0)
			if c.ParentCode != "" {
				parent = ids[c.ParentCode]
				n.ParentID = &parent
			}
			n.Position, n.Version, n.UpdatedAt, n.UpdatedBy = next[parent], 1, now, by
			next[parent]++
			args = append(args, n.StrategyID, n.ParentID, string(n.Kind), n.Code, n.TitleEt, n.TitleEn, n.DescriptionEt,
				n.DescriptionEn, n.Position, n.Weight, n.LeadOrgID, dayArg(n.Start), dayArg(n.End), n.Status, n.Completion,
				moneyArg(n.PlannedBudget), moneyArg(n.ActualBudget), n.FundingSource, n.InternalNote, n.ContributesTo, 1, now, by)
			out = append(out, n)
		}
		got, err := t.insertRows(ctx, `INSERT INTO plan_nodes (strategy_id, parent_id, kind, code, title_et, title_en,
			description_et, description_en, position, weight, lead_org_id, start_date, end_date, status, completion,
			planned_budget, actual_budget, funding_source, internal_note, contributes_to, version, updated_at, updated_by) VALUES`, 23, args)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: insert nodes: %w", err)
		}
		for i, id := range got {
			out[start+i].ID = id
			ids[out[start+i].Code] = id
		}
		start = end
	}
	return out, nil
}

// auditImportedNodes records every update and creation with the node as now stored:
// what Reconcile made of the row with the version, time and author the write gave it
// (TestPlanImportAuditsTheStoredNodes holds it to the node read back). Reading the whole
// tree back instead was a fifth of the time a 20,000-row import holds the write lock.
func (t *tx) auditImportedNodes(ctx context.Context, before map[int64]plan.Node, updated, created []plan.Node) error {
	if len(updated)+len(created) == 0 {
		return nil
	}
	changes := make([]auditChange, 0, len(updated)+len(created))
	for _, n := range updated {
		changes = append(changes, auditChange{strconv.FormatInt(n.ID, 10), audit.Update, before[n.ID], n})
	}
	for _, n := range created {
		changes = append(changes, auditChange{strconv.FormatInt(n.ID, 10), audit.Create, nil, n})
	}
	// Reconcile put a node in updated only if its row changed it.
	return t.recordChanged(ctx, audit.KindPlanNode, changes)
}

// deleteByIDs runs head (… WHERE x IN) over ids, a batch a statement.
func (t *tx) deleteByIDs(ctx context.Context, head string, ids []int64) error {
	for len(ids) > 0 {
		n := min(len(ids), maxBatchParams)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		if _, err := t.exec(ctx, head+" ("+placeholders(n)+")", args...); err != nil {
			return err
		}
		ids = ids[n:]
	}
	return nil
}

func idsOfNodes(nodes []plan.Node) []int64 {
	out := make([]int64, len(nodes))
	for i, n := range nodes {
		out[i] = n.ID
	}
	return out
}

func nodesOf(create []plan.NewNode) []plan.Node {
	out := make([]plan.Node, len(create))
	for i, c := range create {
		out[i] = c.Node
	}
	return out
}
