package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/kovit"
	"kovit/internal/plan"
)

const measurementColumns = `id, indicator_id, COALESCE(municipality_ehak, ''), value, measured_on, source, note,
	version, updated_at, updated_by`

func scanMeasurement(row scanner) (plan.Measurement, error) {
	var m plan.Measurement
	var on string
	err := row.Scan(&m.ID, &m.IndicatorID, &m.MunicipalityEHAK, &m.Value, &on, &m.Source, &m.Note, &m.Version, &m.UpdatedAt, &m.UpdatedBy)
	if err != nil {
		return m, err
	}
	if m.Date, err = time.Parse(time.DateOnly, on); err != nil {
		return m, fmt.Errorf("sqlstore: measurement %d date: %w", m.ID, err)
	}
	return m, nil
}

// measurementsFrom reads the measurements that filter (a WHERE clause) selects, by date.
func measurementsFrom(ctx context.Context, q querier, filter string, args ...any) ([]plan.Measurement, error) {
	rows, err := q.query(ctx, `SELECT `+measurementColumns+` FROM plan_measurements`+filter+
		` ORDER BY indicator_id, measured_on, municipality_ehak, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: measurements: %w", err)
	}
	defer rows.Close()
	var out []plan.Measurement
	for rows.Next() {
		m, err := scanMeasurement(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Measurements implements plan.Store.
func (s *Store) Measurements(ctx context.Context, indicatorID int64) ([]plan.Measurement, error) {
	return measurementsFrom(ctx, s, " WHERE indicator_id = ?", indicatorID)
}

// Measurement implements plan.Store.
func (s *Store) Measurement(ctx context.Context, id int64) (plan.Measurement, error) {
	return measurementFrom(ctx, s, id)
}

func measurementFrom(ctx context.Context, q querier, id int64) (plan.Measurement, error) {
	m, err := scanMeasurement(q.queryRow(ctx, `SELECT `+measurementColumns+` FROM plan_measurements WHERE id = ?`, id))
	return m, notFound(err)
}

// checkMeasurement validates m against its indicator and checks its municipality exists
// and that the indicator's strategy is not archived. The monthly snapshot measures
// indicators without it: an archived strategy's record keeps growing from the matrix.
func (t *tx) checkMeasurement(ctx context.Context, m plan.Measurement) error {
	ind, err := indicatorFrom(ctx, t, m.IndicatorID)
	if err != nil {
		return err
	}
	if err := t.writable(ctx, ind.StrategyID, false); err != nil {
		return err
	}
	if err := m.Validate(ind); err != nil || m.MunicipalityEHAK == "" {
		return err
	}
	var n int
	if err := t.queryRow(ctx, `SELECT COUNT(*) FROM municipalities WHERE ehak = ?`, m.MunicipalityEHAK).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		var p kovit.Problems
		p.Add("municipality_ehak", "error.unknown_municipality")
		return p.Err()
	}
	return nil
}

// AddMeasurement implements plan.Store.
func (s *Store) AddMeasurement(ctx context.Context, m plan.Measurement) (plan.Measurement, error) {
	var out plan.Measurement
	err := s.transact(ctx, func(tx *tx) error {
		if err := tx.checkMeasurement(ctx, m); err != nil {
			return err
		}
		var err error
		out, err = tx.insertMeasurement(ctx, m)
		return err
	})
	return out, err
}

func (t *tx) insertMeasurement(ctx context.Context, m plan.Measurement) (plan.Measurement, error) {
	id, err := t.insert(ctx, `INSERT INTO plan_measurements (indicator_id, municipality_ehak, value, measured_on, source,
		note, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)`, m.IndicatorID, nullIfEmpty(m.MunicipalityEHAK),
		m.Value, m.Date.Format(time.DateOnly), m.Source, m.Note, t.s.now(), actorOf(ctx).name)
	if err != nil {
		return m, fmt.Errorf("sqlstore: insert measurement: %w", err)
	}
	out, err := measurementFrom(ctx, t, id)
	if err != nil {
		return out, err
	}
	return out, t.record(ctx, audit.KindMeasurement, strconv.FormatInt(id, 10), audit.Create, nil, out)
}

// UpdateMeasurement implements plan.Store; a value stays with its indicator.
func (s *Store) UpdateMeasurement(ctx context.Context, m plan.Measurement) (plan.Measurement, error) {
	var after plan.Measurement
	err := s.transact(ctx, func(tx *tx) error {
		before, err := measurementFrom(ctx, tx, m.ID)
		if err != nil {
			return err
		}
		m.IndicatorID = before.IndicatorID
		if err := tx.checkMeasurement(ctx, m); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE plan_measurements SET municipality_ehak = ?, value = ?, measured_on = ?, source = ?,
			note = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?`,
			nullIfEmpty(m.MunicipalityEHAK), m.Value, m.Date.Format(time.DateOnly), m.Source, m.Note, s.now(), actorOf(ctx).name, m.ID, m.Version)
		if err != nil {
			return fmt.Errorf("sqlstore: update measurement: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		if after, err = measurementFrom(ctx, tx, m.ID); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindMeasurement, strconv.FormatInt(m.ID, 10), audit.Update, before, after)
	})
	return after, err
}

// DeleteMeasurement implements plan.Store.
func (s *Store) DeleteMeasurement(ctx context.Context, id int64, version int) error {
	return s.transact(ctx, func(tx *tx) error {
		before, err := measurementFrom(ctx, tx, id)
		if err != nil {
			return err
		}
		ind, err := indicatorFrom(ctx, tx, before.IndicatorID)
		if err != nil {
			return err
		}
		if err := tx.writable(ctx, ind.StrategyID, false); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `DELETE FROM plan_measurements WHERE id = ? AND version = ?`, id, version)
		if err != nil {
			return fmt.Errorf("sqlstore: delete measurement: %w", err)
		}
		if err := oneRow(res); err != nil {
			return err
		}
		return tx.record(ctx, audit.KindMeasurement, strconv.FormatInt(id, 10), audit.Delete, before, nil)
	})
}
