package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"kovit/internal/kovit"
	"kovit/internal/plan"
)

// Attention implements plan.Store: plan.CollectAttention over every strategy that is not
// archived (only f.StrategyID's when set). The trees are the kept ones (StrategyTree):
// the desk asks on every visit, and reading every plan again cost most of its time. Each
// tree is one snapshot of its strategy, as its own pages show it. The pages, the API and
// the digest all use it.
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

// attentionSources are the kept trees of the strategies not archived, with their owners,
// from one small query; a strategy deleted since that query is left out.
func (s *Store) attentionSources(ctx context.Context, strategyID int64) ([]plan.AttentionSource, error) {
	q := `SELECT st.id, COALESCE(o.municipality_ehak, '') FROM plan_strategies st
		LEFT JOIN plan_organisations o ON o.id = st.owner_id WHERE st.status <> 'archived'`
	var args []any
	if strategyID != 0 {
		q += ` AND st.id = ?`
		args = append(args, strategyID)
	}
	rows, err := s.query(ctx, q+` ORDER BY st.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: attention strategies: %w", err)
	}
	var sources []plan.AttentionSource
	var ids []int64
	for rows.Next() {
		var id int64
		var src plan.AttentionSource
		if err := rows.Scan(&id, &src.OwnerEHAK); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
		sources = append(sources, src)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := sources[:0]
	for i, id := range ids {
		t, err := s.StrategyTree(ctx, id)
		if kovit.ErrorCode(err) == kovit.ENotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		src := sources[i]
		src.Tree = t
		out = append(out, src)
	}
	return out, nil
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
	if len(readable.EditorOf) > 0 {
		q += ` AND ` + editorOfCond("st", len(readable.EditorOf))
		args = append(args, anys(readable.EditorOf)...)
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
