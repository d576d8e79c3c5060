package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// CreateNode implements plan.Store.
func (s *Store) CreateNode(ctx context.Context, n plan.Node) (plan.Node, error) {
	var out plan.Node
	err := s.transact(ctx, func(tx *tx) (err error) {
		out, err = tx.createNode(ctx, n)
		return err
	})
	return out, err
}

// createNode is CreateNode inside a transaction, so an import can create many in one.
func (t *tx) createNode(ctx context.Context, n plan.Node) (plan.Node, error) {
	st, err := strategyFrom(ctx, t, n.StrategyID)
	if err == nil {
		err = st.Status.Writable()
	}
	if err != nil {
		return plan.Node{}, err
	}
	n = n.Normalize(st.Statuses)
	if err := n.Validate(st.Statuses); err != nil {
		return plan.Node{}, err
	}
	if err := t.checkNode(ctx, n, true); err != nil {
		return plan.Node{}, err
	}
	cond, args := siblingsOf(n.StrategyID, n.ParentID)
	if err := t.queryRow(ctx, `SELECT COALESCE(MAX(position) + 1, 0) FROM plan_nodes WHERE `+cond, args...).Scan(&n.Position); err != nil {
		return plan.Node{}, err
	}
	id, err := t.insert(ctx, `INSERT INTO plan_nodes (strategy_id, parent_id, kind, code, title_et, title_en,
		description_et, description_en, position, weight, lead_org_id, start_date, end_date, status, completion,
		planned_budget, actual_budget, funding_source, internal_note, contributes_to, version, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		n.StrategyID, n.ParentID, string(n.Kind), n.Code, n.TitleEt, n.TitleEn, n.DescriptionEt, n.DescriptionEn,
		n.Position, n.Weight, n.LeadOrgID, dayArg(n.Start), dayArg(n.End), n.Status, n.Completion,
		moneyArg(n.PlannedBudget), moneyArg(n.ActualBudget), n.FundingSource, n.InternalNote, n.ContributesTo,
		t.s.now(), actorOf(ctx).name)
	if err != nil {
		return plan.Node{}, fmt.Errorf("sqlstore: insert node: %w", err)
	}
	n.ID = id
	if err := t.writeNodeLinks(ctx, n); err != nil {
		return plan.Node{}, err
	}
	out, err := nodeFrom(ctx, t, id)
	if err != nil {
		return plan.Node{}, err
	}
	return out, t.record(ctx, audit.KindPlanNode, strconv.FormatInt(id, 10), audit.Create, nil, out)
}

// UpdateNode implements plan.Store.
func (s *Store) UpdateNode(ctx context.Context, n plan.Node) (plan.Node, error) {
	var after plan.Node
	err := s.transact(ctx, func(tx *tx) (err error) {
		after, err = tx.updateNode(ctx, n)
		return err
	})
	return after, err
}

// updateNode is UpdateNode inside a transaction, so an import can update many in one.
func (t *tx) updateNode(ctx context.Context, n plan.Node) (plan.Node, error) {
	before, err := nodeFrom(ctx, t, n.ID)
	if err != nil {
		return plan.Node{}, err
	}
	st, err := strategyFrom(ctx, t, before.StrategyID)
	if err == nil {
		err = st.Status.Writable()
	}
	if err != nil {
		return plan.Node{}, err
	}
	n.StrategyID, n.ParentID, n.Kind, n.Position = before.StrategyID, before.ParentID, before.Kind, before.Position
	n = n.Normalize(st.Statuses)
	if err := n.Validate(st.Statuses); err != nil {
		return plan.Node{}, err
	}
	if err := t.checkNode(ctx, n, false); err != nil {
		return plan.Node{}, err
	}
	res, err := t.exec(ctx, `UPDATE plan_nodes SET code = ?, title_et = ?, title_en = ?, description_et = ?,
		description_en = ?, weight = ?, lead_org_id = ?, start_date = ?, end_date = ?, status = ?, completion = ?,
		planned_budget = ?, actual_budget = ?, funding_source = ?, internal_note = ?, contributes_to = ?,
		version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
		n.Code, n.TitleEt, n.TitleEn, n.DescriptionEt, n.DescriptionEn, n.Weight, n.LeadOrgID, dayArg(n.Start),
		dayArg(n.End), n.Status, n.Completion, moneyArg(n.PlannedBudget), moneyArg(n.ActualBudget), n.FundingSource,
		n.InternalNote, n.ContributesTo, t.s.now(), actorOf(ctx).name, n.ID, n.Version)
	if err != nil {
		return plan.Node{}, fmt.Errorf("sqlstore: update node: %w", err)
	}
	if err := oneRow(res); err != nil {
		return plan.Node{}, err
	}
	if err := t.writeNodeLinks(ctx, n); err != nil {
		return plan.Node{}, err
	}
	after, err := nodeFrom(ctx, t, n.ID)
	if err != nil {
		return plan.Node{}, err
	}
	id := strconv.FormatInt(n.ID, 10)
	if t.nodesEdited == nil {
		t.nodesEdited = map[string]bool{}
	}
	t.nodesEdited[id] = true
	return after, t.record(ctx, audit.KindPlanNode, id, audit.Update, before, after)
}

// MoveNode implements plan.Store: the node goes under its new parent at m.Position, and
// its new siblings are renumbered around it. Siblings' versions stay, because their
// content did not change and an editor of one of them should not meet a conflict.
func (s *Store) MoveNode(ctx context.Context, id int64, m plan.Move) (plan.Node, error) {
	var after plan.Node
	err := s.transact(ctx, func(tx *tx) error {
		before, err := nodeFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.writable(ctx, before.StrategyID, false); err != nil {
			return err
		}
		moved := before
		moved.ParentID = m.ParentID
		if err := tx.checkParent(ctx, moved); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE plan_nodes SET parent_id = ?, version = version + 1, updated_at = ?, updated_by = ?
			WHERE id = ? AND version = ?`, m.ParentID, s.now(), actorOf(ctx).name, id, m.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: move node: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		cond, args := siblingsOf(before.StrategyID, m.ParentID)
		rows, err := tx.query(ctx, `SELECT id FROM plan_nodes WHERE `+cond+` AND id <> ? ORDER BY position, id`, append(args, id)...)
		if err != nil {
			return err
		}
		var order []int64
		for rows.Next() {
			var sib int64
			if err := rows.Scan(&sib); err != nil {
				rows.Close()
				return err
			}
			order = append(order, sib)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		at := min(max(m.Position, 0), len(order))
		order = append(order[:at], append([]int64{id}, order[at:]...)...)
		for pos, sib := range order {
			if _, err := tx.exec(ctx, `UPDATE plan_nodes SET position = ? WHERE id = ? AND position <> ?`, pos, sib, pos); err != nil {
				return fmt.Errorf("sqlstore: renumber nodes: %w", err)
			}
		}
		if after, err = nodeFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindPlanNode, strconv.FormatInt(id, 10), audit.Update, before, after)
	})
	return after, err
}

// deletedNode is what the audit trail keeps of a deleted node: with the participants,
// tasks and progress updates that went with it, so the deletion can be read back in full.
type deletedNode struct {
	plan.Node
	Participants []plan.Participant    `json:"participants"`
	Tasks        []plan.Task           `json:"tasks"`
	Updates      []plan.ProgressUpdate `json:"updates,omitempty"`
}

// DeleteNode implements plan.Store.
func (s *Store) DeleteNode(ctx context.Context, id int64, version int) error {
	return s.transact(ctx, func(tx *tx) error {
		before, err := nodeFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.writable(ctx, before.StrategyID, false); err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM plan_nodes WHERE parent_id = ?)
			+ (SELECT COUNT(*) FROM plan_indicators WHERE node_id = ?)`, id, id).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return kovit.Errorf(kovit.EConflict, "plan.error.node_in_use")
		}
		gone := deletedNode{Node: before}
		if gone.Participants, err = participantsFrom(ctx, tx, " WHERE activity_id = ?", id); err != nil {
			return err
		}
		if gone.Tasks, err = tasksFrom(ctx, tx, " WHERE activity_id = ?", id); err != nil {
			return err
		}
		if gone.Updates, err = updatesFrom(ctx, tx, id); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM plan_nodes WHERE id = ? AND version = ?`, id, version)
		if err != nil {
			return fmt.Errorf("sqlstore: delete node: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindPlanNode, strconv.FormatInt(id, 10), audit.Delete, gone, nil)
	})
}

// siblingsOf is the condition for the children of parent in a strategy. NULL needs IS
// NULL, and "IS ?" is not portable, so the condition is built for each case.
func siblingsOf(strategyID int64, parent *int64) (string, []any) {
	if parent == nil {
		return "strategy_id = ? AND parent_id IS NULL", []any{strategyID}
	}
	return "strategy_id = ? AND parent_id = ?", []any{strategyID, *parent}
}
