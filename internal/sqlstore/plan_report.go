package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

const reportColumns = `r.id, r.strategy_id, r.title_et, r.title_en, r.period_start, r.period_end, r.status, r.completed_at,
	r.completed_by, r.created_by, r.version, r.created_at, r.updated_at`

func scanReport(row scanner, extra ...any) (plan.Report, error) {
	var r plan.Report
	var start, end string
	dest := []any{&r.ID, &r.StrategyID, &r.TitleEt, &r.TitleEn, &start, &end, &r.Status, &r.CompletedAt, &r.CompletedBy,
		&r.CreatedBy, &r.Version, &r.CreatedAt, &r.UpdatedAt}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return r, err
	}
	var err error
	if r.PeriodStart, err = time.Parse(time.DateOnly, start); err == nil {
		r.PeriodEnd, err = time.Parse(time.DateOnly, end)
	}
	if err != nil {
		return r, fmt.Errorf("sqlstore: report %d period: %w", r.ID, err)
	}
	return r, nil
}

// ListReports implements plan.Store, the latest period first; without the frozen states,
// which only a report's own page reads.
func (s *Store) ListReports(ctx context.Context, f plan.ReportFilter) ([]plan.Report, int, error) {
	if err := f.Validate(); err != nil {
		return nil, 0, err
	}
	var w where
	if f.StrategyID != 0 {
		w.add("r.strategy_id = ?", f.StrategyID)
	}
	if f.PublicOnly {
		w.add("s.status IN ('adopted', 'archived')")
	}
	if len(f.EditorOf) > 0 {
		w.add(editorOfCond("s", len(f.EditorOf)), anys(f.EditorOf)...)
	}
	rows, err := s.query(ctx, `SELECT `+reportColumns+`, COUNT(*) OVER () FROM plan_reports r
		JOIN plan_strategies s ON s.id = r.strategy_id`+w.String()+` ORDER BY r.period_end DESC, r.id DESC LIMIT ? OFFSET ?`,
		append(w.args, f.Limit, f.Offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list reports: %w", err)
	}
	defer rows.Close()
	var out []plan.Report
	total := 0
	for rows.Next() {
		r, err := scanReport(rows, &total)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	err = s.totalPastTheEnd(ctx, len(out), f.Offset, &total, `plan_reports r JOIN plan_strategies s ON s.id = r.strategy_id`+w.String(), w.args)
	return out, total, err
}

// Report implements plan.Store.
func (s *Store) Report(ctx context.Context, id int64) (plan.Report, error) {
	return reportFrom(ctx, s, id, true)
}

// reportFrom reads report id, with its frozen state when withFrozen: no write needs that
// state, nor should its audit record carry a copy of it.
func reportFrom(ctx context.Context, q querier, id int64, withFrozen bool) (plan.Report, error) {
	cols, extra := reportColumns, []any{}
	var frozen sql.NullString
	if withFrozen {
		cols, extra = cols+`, r.frozen`, append(extra, &frozen)
	}
	r, err := scanReport(q.queryRow(ctx, `SELECT `+cols+` FROM plan_reports r WHERE r.id = ?`, id), extra...)
	if err != nil {
		return r, notFound(err)
	}
	if frozen.Valid {
		r.Frozen = new(plan.Snapshot)
		if err := json.Unmarshal([]byte(frozen.String), r.Frozen); err != nil {
			return r, fmt.Errorf("sqlstore: report %d state: %w", id, err)
		}
	}
	return r, nil
}

// OpenReport implements plan.Store.
func (s *Store) OpenReport(ctx context.Context, r plan.Report) (plan.Report, error) {
	if err := r.Validate(); err != nil {
		return r, err
	}
	var out plan.Report
	err := s.transact(ctx, func(tx *tx) error {
		if _, err := strategyFrom(ctx, tx, r.StrategyID); err != nil {
			if kovit.ErrorCode(err) == kovit.ENotFound {
				var p kovit.Problems
				p.Add("strategy_id", "plan.error.unknown_strategy")
				return p.Err()
			}
			return err
		}
		now := s.now()
		id, err := tx.insert(ctx, `INSERT INTO plan_reports (strategy_id, title_et, title_en, period_start, period_end, status,
			created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'open', ?, 1, ?, ?)`, r.StrategyID, r.TitleEt,
			r.TitleEn, r.PeriodStart.Format(time.DateOnly), r.PeriodEnd.Format(time.DateOnly), actorOf(ctx).name, now, now)
		if err != nil {
			return fmt.Errorf("sqlstore: insert report: %w", err)
		}
		if out, err = reportFrom(ctx, tx, id, false); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindReport, strconv.FormatInt(id, 10), audit.Create, nil, out); err != nil {
			return err
		}
		return tx.emitReportOpened(ctx, out)
	})
	return out, err
}

// CompleteReport implements plan.Store: the state is read and stored in the same
// transaction, so what the report keeps is one moment's plan. The audit event records the
// completion without the state: the report row keeps it unchangeably already, and a copy
// in the trail would double the largest write kovit makes.
func (s *Store) CompleteReport(ctx context.Context, id int64, version int) (plan.Report, error) {
	var after plan.Report
	err := s.transact(ctx, func(tx *tx) error {
		before, err := reportFrom(ctx, tx, id, false)
		if err != nil {
			return err
		}
		if before.Status == plan.ReportComplete {
			return kovit.Errorf(kovit.EConflict, "plan.error.report_complete")
		}
		now := s.now()
		snap, err := snapshotOf(ctx, tx, before.StrategyID, before.PeriodEnd, now)
		if err != nil {
			return err
		}
		doc, err := json.Marshal(snap)
		if err != nil {
			return fmt.Errorf("sqlstore: report state: %w", err)
		}
		by := actorOf(ctx).name
		res, err := tx.exec(ctx, `UPDATE plan_reports SET status = 'complete', frozen = ?, completed_at = ?, completed_by = ?,
			version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND status = 'open'`, string(doc), now, by, now, id, version)
		if err != nil {
			return fmt.Errorf("sqlstore: complete report: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = reportFrom(ctx, tx, id, false); err != nil {
			return err
		}
		if err := tx.record(ctx, audit.KindReport, strconv.FormatInt(id, 10), audit.Update, before, after); err != nil {
			return err
		}
		after.Frozen = &snap
		return nil
	})
	return after, err
}

// DeleteReport implements plan.Store.
func (s *Store) DeleteReport(ctx context.Context, id int64, version int) error {
	return s.transact(ctx, func(tx *tx) error {
		before, err := reportFrom(ctx, tx, id, false)
		if err != nil {
			return err
		}
		if before.Status == plan.ReportComplete {
			return kovit.Errorf(kovit.EConflict, "plan.error.report_complete")
		}
		res, err := tx.exec(ctx, `DELETE FROM plan_reports WHERE id = ? AND version = ? AND status = 'open'`, id, version)
		if err != nil {
			return fmt.Errorf("sqlstore: delete report: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindReport, strconv.FormatInt(id, 10), audit.Delete, before, nil)
	})
}

// LiveSnapshot implements plan.Store from one read snapshot.
func (s *Store) LiveSnapshot(ctx context.Context, strategyID int64, until time.Time) (plan.Snapshot, error) {
	var snap plan.Snapshot
	err := s.readSnapshot(ctx, func(q querier) (err error) {
		snap, err = snapshotOf(ctx, q, strategyID, until, s.now())
		return err
	})
	return snap, err
}

// snapshotOf reads what plan.Freeze needs through q and freezes it.
func snapshotOf(ctx context.Context, q querier, strategyID int64, until, at time.Time) (plan.Snapshot, error) {
	in := plan.FreezeInput{Until: until, At: at, Municipalities: map[string]string{}}
	var err error
	if in.Tree, err = treeFrom(ctx, q, strategyID); err != nil {
		return plan.Snapshot{}, err
	}
	if in.Measurements, err = measurementsFrom(ctx, q,
		" WHERE indicator_id IN (SELECT id FROM plan_indicators WHERE strategy_id = ?)", strategyID); err != nil {
		return plan.Snapshot{}, err
	}
	rows, err := q.query(ctx, `SELECT `+orgColumns+` FROM plan_organisations WHERE id IN
		(SELECT lead_org_id FROM plan_nodes WHERE strategy_id = ?)`, strategyID)
	if err != nil {
		return plan.Snapshot{}, fmt.Errorf("sqlstore: organisations: %w", err)
	}
	for rows.Next() {
		o, err := scanOrganisation(rows)
		if err != nil {
			rows.Close()
			return plan.Snapshot{}, err
		}
		in.Organisations = append(in.Organisations, o)
	}
	rows.Close()
	if rows, err = q.query(ctx, `SELECT ehak, name FROM municipalities`); err != nil {
		return plan.Snapshot{}, fmt.Errorf("sqlstore: municipality names: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var ehak, name string
		if err := rows.Scan(&ehak, &name); err != nil {
			return plan.Snapshot{}, err
		}
		in.Municipalities[ehak] = name
	}
	if err := rows.Err(); err != nil {
		return plan.Snapshot{}, err
	}
	return plan.Freeze(in), nil
}
