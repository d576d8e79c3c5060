package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// checkNode finds what Validate cannot see: a parent that cannot hold the node (on create;
// moves check it themselves), a code another node of the strategy has, and references to
// organisations, users or activities that do not exist. All are reported together.
func (t *tx) checkNode(ctx context.Context, n plan.Node, isNew bool) error {
	var p kovit.Problems
	if isNew {
		if err := t.parentProblem(ctx, &p, n); err != nil {
			return err
		}
	}
	var taken int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM plan_nodes WHERE strategy_id = ? AND code = ? AND id <> ?`,
		n.StrategyID, n.Code, n.ID).Scan(&taken); err != nil {
		return err
	}
	if taken > 0 {
		p.Add("code", "plan.error.code_taken")
	}
	checks := []struct {
		table, filter string
		ids           []int64
		field, key    string
	}{
		{"plan_organisations", "", idsOf(n.LeadOrgID), "lead_org_id", "plan.error.unknown_organisation"},
		{"plan_organisations", "", n.PartnerOrgIDs, "partner_org_ids", "plan.error.unknown_organisation"},
		{"users", "", n.ContactIDs, "contact_ids", "plan.error.unknown_user"},
		{"plan_nodes", " AND kind = 'activity'", n.RelatedIDs, "related_ids", "plan.error.unknown_activity"},
		{"plan_nodes", " AND kind = 'activity'", idsOf(n.ContributesTo), "contributes_to", "plan.error.unknown_activity"},
	}
	for _, c := range checks {
		if err := t.checkIDs(ctx, &p, c.table, c.filter, c.ids, c.field, c.key); err != nil {
			return err
		}
	}
	return p.Err()
}

// checkParent is checkNode's parent rule on its own, for moves.
func (t *tx) checkParent(ctx context.Context, n plan.Node) error {
	var p kovit.Problems
	if err := t.parentProblem(ctx, &p, n); err != nil {
		return err
	}
	return p.Err()
}

// parentProblem adds a problem unless n's parent is in the same strategy and may hold a
// node of n's kind (plan.CanHold); no parent, the top, is always allowed.
func (t *tx) parentProblem(ctx context.Context, p *kovit.Problems, n plan.Node) error {
	if n.ParentID == nil {
		return nil
	}
	var strategyID int64
	var kind plan.Kind
	err := t.queryRow(ctx, `SELECT strategy_id, kind FROM plan_nodes WHERE id = ?`, *n.ParentID).Scan(&strategyID, &kind)
	if errors.Is(err, sql.ErrNoRows) {
		p.Add("parent_id", "plan.error.parent")
		return nil
	}
	if err != nil {
		return err
	}
	if strategyID != n.StrategyID || !plan.CanHold(kind, n.Kind) {
		p.Add("parent_id", "plan.error.parent")
	}
	return nil
}

// checkIDs adds field with key to p unless every id is a row of table matching filter.
// Table and filter come from this package, never from input.
func (t *tx) checkIDs(ctx context.Context, p *kovit.Problems, table, filter string, ids []int64, field, key string) error {
	if len(ids) == 0 {
		return nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	var n int
	q := `SELECT COUNT(*) FROM ` + table + ` WHERE id IN (` + placeholders(len(ids)) + `)` + filter
	if err := t.queryRow(ctx, q, args...).Scan(&n); err != nil {
		return fmt.Errorf("sqlstore: check %s: %w", table, err)
	}
	if n != len(ids) {
		p.Add(field, key)
	}
	return nil
}

func idsOf(id *int64) []int64 {
	if id == nil {
		return nil
	}
	return []int64{*id}
}

// writeNodeLinks replaces a node's partner, contact and related rows with n's lists.
func (t *tx) writeNodeLinks(ctx context.Context, n plan.Node) error {
	contacts, err := t.nodeContacts(ctx, n.ID)
	if err != nil {
		return err
	}
	for _, l := range []struct {
		table, col string
		ids        []int64
	}{
		{"plan_node_partners", "org_id", n.PartnerOrgIDs},
		{"plan_node_contacts", "user_id", n.ContactIDs},
		{"plan_node_related", "related_id", n.RelatedIDs},
	} {
		if _, err := t.exec(ctx, `DELETE FROM `+l.table+` WHERE node_id = ?`, n.ID); err != nil {
			return fmt.Errorf("sqlstore: %s: %w", l.table, err)
		}
		for _, id := range l.ids {
			if _, err := t.exec(ctx, `INSERT INTO `+l.table+` (node_id, `+l.col+`) VALUES (?, ?)`, n.ID, id); err != nil {
				return fmt.Errorf("sqlstore: %s: %w", l.table, err)
			}
		}
	}
	return t.emitNewContacts(ctx, n, contacts)
}
