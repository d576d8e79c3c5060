package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

const nodeColumns = `id, strategy_id, parent_id, kind, code, title_et, title_en, description_et, description_en,
	position, weight, lead_org_id, start_date, end_date, status, completion, planned_budget, actual_budget,
	funding_source, internal_note, contributes_to, version, updated_at, updated_by`

func scanNode(row scanner) (plan.Node, error) {
	var n plan.Node
	var start, end sql.NullString
	var planned, actual sql.NullInt64
	err := row.Scan(&n.ID, &n.StrategyID, &n.ParentID, &n.Kind, &n.Code, &n.TitleEt, &n.TitleEn, &n.DescriptionEt,
		&n.DescriptionEn, &n.Position, &n.Weight, &n.LeadOrgID, &start, &end, &n.Status, &n.Completion, &planned, &actual,
		&n.FundingSource, &n.InternalNote, &n.ContributesTo, &n.Version, &n.UpdatedAt, &n.UpdatedBy)
	n.Start, n.End = dayFrom(start), dayFrom(end)
	n.PlannedBudget, n.ActualBudget = moneyFrom(planned), moneyFrom(actual)
	return n, err
}

// nodesFrom reads the nodes cond selects, parents' children together in order, with their
// partner, contact and related ids: one query per table whatever the number of nodes.
// linkCond selects the same nodes' rows in the link tables by node_id.
func nodesFrom(ctx context.Context, q querier, cond, linkCond string, args ...any) ([]plan.Node, error) {
	rows, err := q.query(ctx, `SELECT `+nodeColumns+` FROM plan_nodes WHERE `+cond+
		` ORDER BY COALESCE(parent_id, 0), position, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: nodes: %w", err)
	}
	var out []plan.Node
	at := map[int64]int{}
	for rows.Next() {
		n, err := scanNode(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		at[n.ID] = len(out)
		out = append(out, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	for _, l := range []struct {
		table, col string
		list       func(*plan.Node) *[]int64
	}{
		{"plan_node_partners", "org_id", func(n *plan.Node) *[]int64 { return &n.PartnerOrgIDs }},
		{"plan_node_contacts", "user_id", func(n *plan.Node) *[]int64 { return &n.ContactIDs }},
		{"plan_node_related", "related_id", func(n *plan.Node) *[]int64 { return &n.RelatedIDs }},
	} {
		rows, err := q.query(ctx, `SELECT node_id, `+l.col+` FROM `+l.table+` WHERE `+linkCond+` ORDER BY node_id, `+l.col, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: %s: %w", l.table, err)
		}
		for rows.Next() {
			var node, id int64
			if err := rows.Scan(&node, &id); err != nil {
				rows.Close()
				return nil, err
			}
			if i, ok := at[node]; ok {
				list := l.list(&out[i])
				*list = append(*list, id)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func nodeFrom(ctx context.Context, q querier, id int64) (plan.Node, error) {
	nodes, err := nodesFrom(ctx, q, "id = ?", "node_id = ?", id)
	if err != nil {
		return plan.Node{}, err
	}
	if len(nodes) == 0 {
		return plan.Node{}, notFound(sql.ErrNoRows)
	}
	return nodes[0], nil
}

// Node implements plan.Store.
func (s *Store) Node(ctx context.Context, id int64) (plan.Node, error) {
	return nodeFrom(ctx, s, id)
}

// dayArg is a calendar day as stored: TEXT 'YYYY-MM-DD', the same on both engines.
func dayArg(d *time.Time) any {
	if d == nil {
		return nil
	}
	return d.Format(time.DateOnly)
}

func dayFrom(s sql.NullString) *time.Time {
	if !s.Valid {
		return nil
	}
	d, err := time.Parse(time.DateOnly, s.String)
	if err != nil {
		return nil
	}
	return &d
}

func moneyArg(m *kovit.Money) any {
	if m == nil {
		return nil
	}
	return int64(*m)
}

func moneyFrom(n sql.NullInt64) *kovit.Money {
	if !n.Valid {
		return nil
	}
	m := kovit.Money(n.Int64)
	return &m
}
