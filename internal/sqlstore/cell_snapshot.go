package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"kovit/internal/audit"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/plan"
)

// TakeSnapshot implements eservice.Store.
func (s *Store) TakeSnapshot(ctx context.Context, month string) error {
	if _, err := time.Parse("2006-01", month); err != nil {
		var p kovit.Problems
		p.Add("month", "error.month")
		return p.Err()
	}
	return s.transact(ctx, func(tx *tx) error {
		// A snapshot writes no audit event of its own: it is named among the changed
		// kinds, so its tallies' copies are dropped here and in every other process.
		tx.changed[kindSnapshot] = nil
		if err := tx.pinNextSnapshot(ctx, month); err != nil {
			return err
		}
		prev, since, err := tx.changedSince(ctx, month)
		if err != nil {
			return err
		}
		removals, err := tx.lastRemoval(ctx)
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM matrix_snapshots WHERE month = ?`, month); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `INSERT INTO matrix_snapshots (month, taken_at) VALUES (?, ?)`, month, s.now()); err != nil {
			return fmt.Errorf("sqlstore: snapshot: %w", err)
		}
		if prev != "" {
			err = tx.recordChangesSince(ctx, month, prev, since, removals)
		} else {
			err = tx.recordChanges(ctx, month)
		}
		if err != nil {
			return err
		}
		if err := tx.forgetRemovals(ctx, month, removals); err != nil {
			return err
		}
		if prev == "" {
			_, err = tx.exec(ctx, `INSERT INTO snapshot_tallies (month, service_code, online, not_applicable)
			SELECT ?, service_code,
				SUM(CASE WHEN offering <> ? AND level >= ? THEN 1 ELSE 0 END),
				SUM(CASE WHEN offering = ? THEN 1 ELSE 0 END)
			FROM service_cells GROUP BY service_code`,
				month, eservice.NotApplicable, eservice.Online, eservice.NotApplicable)
			if err != nil {
				return fmt.Errorf("sqlstore: snapshot tallies: %w", err)
			}
		}
		return tx.measureMatrixIndicators(ctx, month)
	})
}

// measureMatrixIndicators gives the indicators that follow the matrix their value from the
// snapshot just taken, in the same transaction, replacing what an earlier snapshot of the
// same month gave them.
func (t *tx) measureMatrixIndicators(ctx context.Context, month string) error {
	inds, err := indicatorsFrom(ctx, t, ` WHERE matrix_level IS NOT NULL OR matrix_practice IS NOT NULL`)
	if err != nil || len(inds) == 0 {
		return err
	}
	snaps, err := currentCellsAs(ctx, t, month)
	if err != nil {
		return err
	}
	ms, _, err := t.s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		return err
	}
	records, err := recordsLevels(ctx, t)
	if err != nil {
		return err
	}
	practices, err := practicesFrom(ctx, t)
	if err != nil {
		return err
	}
	for _, m := range plan.MatrixMeasurements(inds, month, snaps, records, ms, practices) {
		old, err := measurementsFrom(ctx, t, ` WHERE indicator_id = ? AND source = ?`, m.IndicatorID, m.Source)
		if err != nil {
			return err
		}
		for _, o := range old {
			if _, err := t.exec(ctx, `DELETE FROM plan_measurements WHERE id = ?`, o.ID); err != nil {
				return err
			}
			if err := t.record(ctx, audit.KindMeasurement, strconv.FormatInt(o.ID, 10), audit.Delete, o, nil); err != nil {
				return err
			}
		}
		if _, err := t.insertMeasurement(ctx, m); err != nil {
			return err
		}
	}
	return nil
}

// SnapshotMonths returns the months that have a snapshot, oldest first.
func (s *Store) SnapshotMonths(ctx context.Context) ([]string, error) {
	var out []string
	return out, scanStrings(ctx, s, &out, `SELECT month FROM matrix_snapshots ORDER BY month`)
}

// Snapshots implements eservice.Store: every snapshotted cell, of one service or all,
// rebuilt from the changes (cell_history.go).
func (s *Store) Snapshots(ctx context.Context, serviceCode string) ([]eservice.SnapshotCell, error) {
	var w where
	if serviceCode != "" {
		w.add("service_code = ?", serviceCode)
	}
	return snapshotCellsFrom(ctx, s, w)
}

// MunicipalitySnapshots implements eservice.Store.
func (s *Store) MunicipalitySnapshots(ctx context.Context, ehak string) ([]eservice.SnapshotCell, error) {
	var w where
	w.add("municipality_ehak = ?", ehak)
	return snapshotCellsFrom(ctx, s, w)
}
