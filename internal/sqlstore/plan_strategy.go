package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

const strategyColumns = `id, COALESCE(code, ''), title_et, title_en, start_year, end_year, status, owner_id,
	description_et, description_en, source_url, levels, statuses, stale_after_days, version, created_at, updated_at`

func scanStrategy(row scanner, extra ...any) (plan.Strategy, error) {
	var s plan.Strategy
	var levels, statuses string
	dest := []any{&s.ID, &s.Code, &s.TitleEt, &s.TitleEn, &s.StartYear, &s.EndYear, &s.Status, &s.OwnerID,
		&s.DescriptionEt, &s.DescriptionEn, &s.SourceURL, &levels, &statuses, &s.StaleAfterDays, &s.Version, &s.CreatedAt, &s.UpdatedAt}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return s, err
	}
	if err := json.Unmarshal([]byte(levels), &s.Levels); err != nil {
		return s, fmt.Errorf("sqlstore: strategy %d levels: %w", s.ID, err)
	}
	if err := json.Unmarshal([]byte(statuses), &s.Statuses); err != nil {
		return s, fmt.Errorf("sqlstore: strategy %d statuses: %w", s.ID, err)
	}
	return s, nil
}

// ListStrategies implements plan.Store, newest period first.
func (s *Store) ListStrategies(ctx context.Context, f plan.StrategyFilter) ([]plan.Strategy, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	if len(f.Statuses) > 0 {
		args := make([]any, len(f.Statuses))
		for i, st := range f.Statuses {
			args[i] = string(st)
		}
		w.add("status IN ("+placeholders(len(args))+")", args...)
	}
	if f.OwnerID != 0 {
		w.add("owner_id = ?", f.OwnerID)
	}
	if len(f.EditorOf) > 0 {
		w.add(editorOfCond("", len(f.EditorOf)), anys(f.EditorOf)...)
	}
	rows, err := s.query(ctx, `SELECT `+strategyColumns+`, COUNT(*) OVER () FROM plan_strategies`+w.String()+
		` ORDER BY end_year DESC, start_year DESC, id DESC LIMIT ? OFFSET ?`, append(w.args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list strategies: %w", err)
	}
	defer rows.Close()
	var out []plan.Strategy
	total := 0
	for rows.Next() {
		st, err := scanStrategy(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	err = s.totalPastTheEnd(ctx, len(out), f.Offset, &total, `plan_strategies`+w.String(), w.args)
	return out, total, err
}

// Strategy implements plan.Store.
func (s *Store) Strategy(ctx context.Context, id int64) (plan.Strategy, error) {
	return strategyFrom(ctx, s, id)
}

func strategyFrom(ctx context.Context, q querier, id int64) (plan.Strategy, error) {
	st, err := scanStrategy(q.queryRow(ctx, `SELECT `+strategyColumns+` FROM plan_strategies WHERE id = ?`, id))
	return st, notFound(err)
}

// CreateStrategy implements plan.Store.
func (s *Store) CreateStrategy(ctx context.Context, st plan.Strategy) (plan.Strategy, error) {
	st = st.WithDefaults()
	if err := st.Validate(); err != nil {
		return st, err
	}
	var out plan.Strategy
	err := s.transact(ctx, func(tx *tx) error {
		id, err := tx.insertStrategy(ctx, st)
		if err != nil {
			return err
		}
		if out, err = strategyFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindStrategy, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

func (t *tx) insertStrategy(ctx context.Context, st plan.Strategy) (int64, error) {
	if err := t.checkOwner(ctx, st.OwnerID); err != nil {
		return 0, err
	}
	if st.Code != "" {
		var n int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM plan_strategies WHERE code = ?`, st.Code).Scan(&n); err != nil {
			return 0, err
		}
		if n > 0 {
			var p kovit.Problems
			p.Add("code", "plan.error.code_taken")
			return 0, p.Err()
		}
	}
	levels, statuses, err := strategyJSON(st)
	if err != nil {
		return 0, err
	}
	now := t.s.now()
	id, err := t.insert(ctx, `INSERT INTO plan_strategies (code, title_et, title_en, start_year, end_year, status, owner_id,
		description_et, description_en, source_url, levels, statuses, stale_after_days, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, nullIfEmpty(st.Code), st.TitleEt, st.TitleEn, st.StartYear,
		st.EndYear, string(st.Status), st.OwnerID, st.DescriptionEt, st.DescriptionEn, st.SourceURL, levels, statuses,
		st.StaleAfterDays, now, now)
	if err != nil {
		return 0, fmt.Errorf("sqlstore: insert strategy: %w", err)
	}
	return id, nil
}

// UpdateStrategy implements plan.Store.
func (s *Store) UpdateStrategy(ctx context.Context, st plan.Strategy) (plan.Strategy, error) {
	st = st.WithDefaults()
	if err := st.Validate(); err != nil {
		return st, err
	}
	var after plan.Strategy
	err := s.transact(ctx, func(tx *tx) error {
		before, err := strategyFrom(ctx, tx, st.ID)
		if err != nil {
			return err
		}
		if st.Status == plan.Archived {
			// An archived strategy changes only by being reopened.
			if err := before.Status.Writable(); err != nil {
				return err
			}
		}
		if err := tx.checkOwner(ctx, st.OwnerID); err != nil {
			return err
		}
		if err := tx.checkStatusesKept(ctx, before, st.Statuses); err != nil {
			return err
		}
		levels, statuses, err := strategyJSON(st)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE plan_strategies SET title_et = ?, title_en = ?, start_year = ?, end_year = ?,
			status = ?, owner_id = ?, description_et = ?, description_en = ?, source_url = ?, levels = ?, statuses = ?,
			stale_after_days = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
			st.TitleEt, st.TitleEn, st.StartYear, st.EndYear, string(st.Status), st.OwnerID, st.DescriptionEt,
			st.DescriptionEn, st.SourceURL, levels, statuses, st.StaleAfterDays, s.now(), st.ID, st.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update strategy: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = strategyFrom(ctx, tx, st.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindStrategy, strconv.FormatInt(st.ID, 10), audit.Update, before, after)
	})
	return after, err
}

func strategyJSON(st plan.Strategy) (levels, statuses string, err error) {
	l, err := json.Marshal(st.Levels)
	if err != nil {
		return "", "", err
	}
	ss, err := json.Marshal(st.Statuses)
	return string(l), string(ss), err
}

func (t *tx) checkOwner(ctx context.Context, owner *int64) error {
	if owner == nil {
		return nil
	}
	var p kovit.Problems
	if err := t.checkIDs(ctx, &p, "plan_organisations", "", []int64{*owner}, "owner_id", "plan.error.unknown_organisation"); err != nil {
		return err
	}
	return p.Err()
}

// checkStatusesKept refuses to drop a status that activities or participants still use:
// they would be left with a status nobody can read.
func (t *tx) checkStatusesKept(ctx context.Context, before plan.Strategy, next plan.Statuses) error {
	var dropped []any
	for _, st := range before.Statuses {
		if _, ok := next.Find(st.Key); !ok {
			dropped = append(dropped, st.Key)
		}
	}
	if len(dropped) == 0 {
		return nil
	}
	in := placeholders(len(dropped))
	args := append([]any{before.ID}, dropped...)
	args = append(append(args, before.ID), dropped...)
	var n int
	err := t.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM plan_nodes WHERE strategy_id = ? AND status IN (`+in+`))
		+ (SELECT COUNT(*) FROM plan_participants p JOIN plan_nodes a ON a.id = p.activity_id
		   WHERE a.strategy_id = ? AND p.status IN (`+in+`))`, args...).Scan(&n)
	if err != nil || n == 0 {
		return err
	}
	var p kovit.Problems
	p.Add("statuses", "plan.error.status_in_use")
	return p.Err()
}

// editorOfCond keeps the strategies (as alias, "" for none) that are not the draft plan
// of another municipality than the n its arguments name: plan.StrategyFilter.EditorOf.
func editorOfCond(as string, n int) string {
	if as != "" {
		as += "."
	}
	return "(" + as + "status <> 'draft' OR " + as + "owner_id IS NULL OR " + as +
		"owner_id IN (SELECT id FROM plan_organisations WHERE municipality_ehak IN (" + placeholders(n) + ")))"
}

// placeholders returns "?, ?, …" for n arguments.
func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?, ", n), ", ") }
