package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

const indicatorColumns = `id, strategy_id, node_id, name_et, name_en, unit, direction, baseline_value, baseline_date,
	targets, breakdown, matrix_service, matrix_level, matrix_scale, matrix_practice, position, version, updated_at`

func scanIndicator(row scanner) (plan.Indicator, error) {
	var i plan.Indicator
	var baseValue sql.NullFloat64
	var baseDate sql.NullString
	var targets string
	var matrixService sql.NullString
	var matrixLevel sql.NullInt64
	var matrixScale, practice sql.NullString
	if err := row.Scan(&i.ID, &i.StrategyID, &i.NodeID, &i.NameEt, &i.NameEn, &i.Unit, &i.Better, &baseValue, &baseDate,
		&targets, &i.Breakdown, &matrixService, &matrixLevel, &matrixScale, &practice, &i.Position, &i.Version, &i.UpdatedAt); err != nil {
		return i, err
	}
	if matrixLevel.Valid || practice.Valid {
		i.FromMatrix = &plan.MatrixSource{Scale: matrixScale.String, ServiceCode: matrixService.String, Level: int(matrixLevel.Int64), Practice: practice.String}
	}
	if d := dayFrom(baseDate); d != nil && baseValue.Valid {
		i.Baseline = &plan.Point{Value: baseValue.Float64, Date: *d}
	}
	if err := json.Unmarshal([]byte(targets), &i.Targets); err != nil {
		return i, fmt.Errorf("sqlstore: indicator %d targets: %w", i.ID, err)
	}
	return i, nil
}

// indicatorsFrom reads the indicators that filter (a WHERE clause) selects, the
// strategy's own first, then by node and position.
func indicatorsFrom(ctx context.Context, q querier, filter string, args ...any) ([]plan.Indicator, error) {
	rows, err := q.query(ctx, `SELECT `+indicatorColumns+` FROM plan_indicators`+filter+
		` ORDER BY COALESCE(node_id, 0), position, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: indicators: %w", err)
	}
	defer rows.Close()
	var out []plan.Indicator
	for rows.Next() {
		i, err := scanIndicator(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// Indicator implements plan.Store.
func (s *Store) Indicator(ctx context.Context, id int64) (plan.Indicator, error) {
	return indicatorFrom(ctx, s, id)
}

func indicatorFrom(ctx context.Context, q querier, id int64) (plan.Indicator, error) {
	i, err := scanIndicator(q.queryRow(ctx, `SELECT `+indicatorColumns+` FROM plan_indicators WHERE id = ?`, id))
	return i, notFound(err)
}

// indicatorArgs are the stored forms of the fields a user edits, in column order.
func indicatorArgs(i plan.Indicator) ([]any, error) {
	targets, err := json.Marshal(i.Targets)
	if err != nil {
		return nil, err
	}
	if i.Targets == nil {
		targets = []byte("[]")
	}
	var baseValue, baseDate, matrixService, matrixLevel, matrixScale, practice any
	if i.Baseline != nil {
		baseValue, baseDate = i.Baseline.Value, dayArg(&i.Baseline.Date)
	}
	switch m := i.FromMatrix; {
	case m == nil:
	case m.Practice != "":
		practice = m.Practice
	case m.Records():
		matrixLevel, matrixScale = m.Level, m.Scale
	default:
		matrixService, matrixLevel = m.ServiceCode, m.Level
	}
	return []any{i.NodeID, i.NameEt, i.NameEn, i.Unit, string(i.Better), baseValue, baseDate, string(targets), string(i.Breakdown),
		matrixService, matrixLevel, matrixScale, practice}, nil
}

// checkIndicatorNode allows an indicator on the strategy itself or on one of its goals or
// action directions; activities are measured by their progress instead.
func (t *tx) checkIndicatorNode(ctx context.Context, i plan.Indicator) error {
	if i.NodeID == nil {
		return nil
	}
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM plan_nodes WHERE id = ? AND strategy_id = ? AND kind IN ('goal', 'direction')`,
		*i.NodeID, i.StrategyID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		var p kovit.Problems
		p.Add("node_id", "plan.error.indicator_node")
		return p.Err()
	}
	return nil
}

// checkIndicatorSource refuses a matrix source that could never be measured: a service
// not in the catalogue, or a level the maturity scale (or the records scale) does not have.
func (t *tx) checkIndicatorSource(ctx context.Context, i plan.Indicator) error {
	m := i.FromMatrix
	if m == nil || m.Practice != "" { // a practice's measure is checked by Validate: the list is code
		return nil
	}
	if m.Records() {
		var levels int
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM records_levels WHERE number = ?`, m.Level).Scan(&levels); err != nil {
			return fmt.Errorf("sqlstore: indicator source: %w", err)
		}
		var p kovit.Problems
		if levels == 0 {
			p.Add("from_matrix.level", "plan.error.matrix_level")
		}
		return p.Err()
	}
	var services, levels int
	if err := t.queryRow(ctx, `SELECT (SELECT COUNT(*) FROM services WHERE code = ?), (SELECT COUNT(*) FROM maturity_levels WHERE number = ?)`,
		m.ServiceCode, m.Level).Scan(&services, &levels); err != nil {
		return fmt.Errorf("sqlstore: indicator source: %w", err)
	}
	var p kovit.Problems
	if services == 0 {
		p.Add("from_matrix.service_code", "plan.error.matrix_service")
	}
	if levels == 0 {
		p.Add("from_matrix.level", "plan.error.matrix_level")
	}
	return p.Err()
}

// CreateIndicator implements plan.Store: the indicator goes last in its strategy.
func (s *Store) CreateIndicator(ctx context.Context, i plan.Indicator) (plan.Indicator, error) {
	i = i.Normalize()
	if err := i.Validate(); err != nil {
		return i, err
	}
	var out plan.Indicator
	err := s.transact(ctx, func(tx *tx) error {
		st, err := strategyFrom(ctx, tx, i.StrategyID)
		if err == nil {
			err = st.Status.Writable()
		}
		if err != nil {
			return err
		}
		if err := tx.checkIndicatorNode(ctx, i); err != nil {
			return err
		}
		if err := tx.checkIndicatorSource(ctx, i); err != nil {
			return err
		}
		args, err := indicatorArgs(i)
		if err != nil {
			return err
		}
		var pos int
		if err := tx.queryRow(ctx, `SELECT COALESCE(MAX(position) + 1, 0) FROM plan_indicators WHERE strategy_id = ?`, i.StrategyID).Scan(&pos); err != nil {
			return err
		}
		id, err := tx.insert(ctx, `INSERT INTO plan_indicators (node_id, name_et, name_en, unit, direction, baseline_value,
			baseline_date, targets, breakdown, matrix_service, matrix_level, matrix_scale, matrix_practice, strategy_id, position, version, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?)`,
			append(args, i.StrategyID, pos, s.now())...)
		if err != nil {
			return fmt.Errorf("sqlstore: insert indicator: %w", err)
		}
		if out, err = indicatorFrom(ctx, tx, id); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindIndicator, strconv.FormatInt(id, 10), audit.Create, nil, out)
	})
	return out, err
}

// UpdateIndicator implements plan.Store. Turning the per-municipality breakdown on or off
// is refused while values exist: they would become values of the wrong kind.
func (s *Store) UpdateIndicator(ctx context.Context, i plan.Indicator) (plan.Indicator, error) {
	i = i.Normalize()
	if err := i.Validate(); err != nil {
		return i, err
	}
	var after plan.Indicator
	err := s.transact(ctx, func(tx *tx) error {
		before, err := indicatorFrom(ctx, tx, i.ID)
		if err != nil {
			return err
		}
		if err := tx.writable(ctx, before.StrategyID, false); err != nil {
			return err
		}
		i.StrategyID = before.StrategyID
		if err := tx.checkIndicatorNode(ctx, i); err != nil {
			return err
		}
		if err := tx.checkIndicatorSource(ctx, i); err != nil {
			return err
		}
		if (before.Breakdown == plan.NoBreakdown) != (i.Breakdown == plan.NoBreakdown) {
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM plan_measurements WHERE indicator_id = ?`, i.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				var p kovit.Problems
				p.Add("breakdown", "plan.error.breakdown_in_use")
				return p.Err()
			}
		}
		args, err := indicatorArgs(i)
		if err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE plan_indicators SET node_id = ?, name_et = ?, name_en = ?, unit = ?, direction = ?,
			baseline_value = ?, baseline_date = ?, targets = ?, breakdown = ?, matrix_service = ?, matrix_level = ?, matrix_scale = ?,
			matrix_practice = ?, version = version + 1, updated_at = ?
			WHERE id = ? AND version = ?`, append(args, s.now(), i.ID, i.Version)...)
		if err != nil {
			return fmt.Errorf("sqlstore: update indicator: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = indicatorFrom(ctx, tx, i.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindIndicator, strconv.FormatInt(i.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// deletedIndicator keeps an indicator's values in the audit event of its deletion: one
// event instead of thousands, and nothing lost.
type deletedIndicator struct {
	plan.Indicator
	Measurements []plan.Measurement `json:"measurements"`
}

// DeleteIndicator implements plan.Store.
func (s *Store) DeleteIndicator(ctx context.Context, id int64, version int) error {
	return s.transact(ctx, func(tx *tx) error {
		before, err := indicatorFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := tx.writable(ctx, before.StrategyID, false); err != nil {
			return err
		}
		gone := deletedIndicator{Indicator: before}
		if gone.Measurements, err = measurementsFrom(ctx, tx, " WHERE indicator_id = ?", id); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM plan_indicators WHERE id = ? AND version = ?`, id, version)
		if err != nil {
			return fmt.Errorf("sqlstore: delete indicator: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindIndicator, strconv.FormatInt(id, 10), audit.Delete, gone, nil)
	})
}
