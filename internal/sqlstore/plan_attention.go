package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"kovit/internal/plan"
)

// Attention implements plan.Store: plan.CollectAttention over every strategy that is not
// archived (only f.StrategyID's when set), read from one snapshot with one query per table
// however many strategies there are. The pages, the API and the digest all use it.
func (s *Store) Attention(ctx context.Context, f plan.AttentionFilter, now time.Time) ([]plan.AttentionItem, error) {
	sources, err := s.attentionSources(ctx, f.StrategyID)
	if err != nil {
		return nil, err
	}
	return plan.CollectAttention(sources, f, now), nil
}

// AttentionForContact is what the weekly digest tells one contact person: every item of
// the activities they are a contact of (Node.ContactIDs) and, when editorOf is the
// municipality they edit for ("" for other roles), that municipality's overdue
// participations in joint activities.
func (s *Store) AttentionForContact(ctx context.Context, userID int64, editorOf string, now time.Time) ([]plan.AttentionItem, error) {
	return s.Attention(ctx, plan.AttentionFilter{ContactID: userID, Participations: editorOf}, now)
}

func (s *Store) attentionSources(ctx context.Context, strategyID int64) ([]plan.AttentionSource, error) {
	var sources []plan.AttentionSource
	err := s.readSnapshot(ctx, func(q querier) (err error) {
		sources, err = attentionSourcesFrom(ctx, q, strategyID)
		return err
	})
	return sources, err
}

func attentionSourcesFrom(ctx context.Context, q querier, strategyID int64) ([]plan.AttentionSource, error) {
	strategies := `SELECT id FROM plan_strategies WHERE status <> 'archived'`
	var args []any
	if strategyID != 0 {
		strategies += ` AND id = ?`
		args = append(args, strategyID)
	}
	rows, err := q.query(ctx, `SELECT `+strategyColumns+`, COALESCE((SELECT municipality_ehak FROM plan_organisations o
		WHERE o.id = owner_id), '') FROM plan_strategies WHERE id IN (`+strategies+`) ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: attention strategies: %w", err)
	}
	var sources []plan.AttentionSource
	at := map[int64]int{}
	for rows.Next() {
		var src plan.AttentionSource
		if src.Tree.Strategy, err = scanStrategy(rows, &src.OwnerEHAK); err != nil {
			rows.Close()
			return nil, err
		}
		at[src.Tree.Strategy.ID] = len(sources)
		sources = append(sources, src)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(sources) == 0 {
		return nil, err
	}
	nodesOf := `strategy_id IN (` + strategies + `)`
	activities := ` WHERE activity_id IN (SELECT id FROM plan_nodes WHERE ` + nodesOf + `)`
	nodes, err := nodesFrom(ctx, q, nodesOf, `node_id IN (SELECT id FROM plan_nodes WHERE `+nodesOf+`)`, args...)
	if err != nil {
		return nil, err
	}
	strategyOf := make(map[int64]int, len(nodes))
	for _, n := range nodes {
		i := at[n.StrategyID]
		strategyOf[n.ID] = i
		sources[i].Tree.Nodes = append(sources[i].Tree.Nodes, n)
	}
	parts, err := participantsFrom(ctx, q, activities, args...)
	if err != nil {
		return nil, err
	}
	for _, p := range parts {
		t := &sources[strategyOf[p.ActivityID]].Tree
		t.Participants = append(t.Participants, p)
	}
	tasks, err := tasksFrom(ctx, q, activities, args...)
	if err != nil {
		return nil, err
	}
	for _, k := range tasks {
		t := &sources[strategyOf[k.ActivityID]].Tree
		t.Tasks = append(t.Tasks, k)
	}
	return sources, nil
}

// MunicipalityParticipations implements plan.Store with one query, as the municipality
// page is among the busiest: newest strategies first, activities by code.
func (s *Store) MunicipalityParticipations(ctx context.Context, ehak string, readable plan.StrategyFilter) ([]plan.Participation, error) {
	q := `SELECT p.activity_id, p.municipality_ehak, p.status, p.completion, p.due_date, p.version, p.updated_at,
		p.updated_by, st.id, st.title_et, st.title_en, st.status, st.statuses, n.code, n.title_et, n.title_en, n.status
		FROM plan_participants p JOIN plan_nodes n ON n.id = p.activity_id JOIN plan_strategies st ON st.id = n.strategy_id
		WHERE p.municipality_ehak = ?`
	args := []any{ehak}
	if len(readable.Statuses) > 0 {
		q += ` AND st.status IN (` + placeholders(len(readable.Statuses)) + `)`
		for _, st := range readable.Statuses {
			args = append(args, string(st))
		}
	}
	if readable.EditorOf != "" {
		q += ` AND ` + editorOfCond("st")
		args = append(args, readable.EditorOf)
	}
	rows, err := s.query(ctx, q+` ORDER BY st.end_year DESC, st.id DESC, n.code, n.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: participations: %w", err)
	}
	defer rows.Close()
	var out []plan.Participation
	statuses := map[int64]plan.Statuses{}
	for rows.Next() {
		var p plan.Participation
		var due sql.NullString
		var list string
		if err := rows.Scan(&p.ActivityID, &p.MunicipalityEHAK, &p.Status, &p.Completion, &due, &p.Version, &p.UpdatedAt,
			&p.UpdatedBy, &p.StrategyID, &p.StrategyTitleEt, &p.StrategyTitleEn, &p.StrategyStatus, &list, &p.ActivityCode,
			&p.ActivityTitleEt, &p.ActivityTitleEn, &p.ActivityStatus); err != nil {
			return nil, err
		}
		p.Due = dayFrom(due)
		ss, ok := statuses[p.StrategyID]
		if !ok {
			if err := json.Unmarshal([]byte(list), &ss); err != nil {
				return nil, fmt.Errorf("sqlstore: strategy %d statuses: %w", p.StrategyID, err)
			}
			statuses[p.StrategyID] = ss
		}
		p.Statuses = ss
		out = append(out, p)
	}
	return out, rows.Err()
}
