package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// snapshotSlack is how far before the previous snapshot's taken_at a snapshot looks for
// changed cells: a cell saved (updated_at) before that snapshot began but committed after
// it, or by a process whose clock runs behind, is compared all the same.
const snapshotSlack = 5 * time.Minute

// changedSince is when the cells a snapshot of month must compare were changed from: the
// latest snapshot's taken_at (less the slack) when month comes after every snapshot. Until
// then every cell has its latest change at or before that snapshot, so a cell not changed
// since cannot differ from it. It is zero (compare every cell) for the first snapshot
// and for a month taken again or before the latest.
func (t *tx) changedSince(ctx context.Context, month string) (time.Time, error) {
	var latest string
	var at time.Time
	err := t.queryRow(ctx, `SELECT month, taken_at FROM matrix_snapshots ORDER BY month DESC LIMIT 1`).Scan(&latest, &at)
	if errors.Is(err, sql.ErrNoRows) || err == nil && latest >= month {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("sqlstore: latest snapshot: %w", err)
	}
	return at.Add(-snapshotSlack), nil
}

// recordChangesSince is recordChanges for the cells changed since (updated_at, indexed)
// or deleted since the latest snapshot (service_cell_removals, filled by a trigger): at
// 6.5 million cells the full comparison took minutes, while a month changes a few
// thousand. Each such cell is compared with its latest change before month, found by
// cell_changes' primary key.
func (t *tx) recordChangesSince(ctx context.Context, month string, since time.Time, removals int64) error {
	if _, err := t.exec(ctx, `DELETE FROM cell_changes WHERE month = ?`, month); err != nil {
		return err
	}
	_, err := t.exec(ctx, `INSERT INTO cell_changes (service_code, municipality_ehak, month, offering, level)
		SELECT k.service_code, k.municipality_ehak, ?, COALESCE(c.offering, ?), COALESCE(c.level, 0)
		FROM (SELECT service_code, municipality_ehak FROM service_cells WHERE updated_at >= ?
			UNION SELECT service_code, municipality_ehak FROM service_cell_removals WHERE id <= ?) k
		LEFT JOIN service_cells c ON c.service_code = k.service_code AND c.municipality_ehak = k.municipality_ehak
		LEFT JOIN cell_changes l ON l.service_code = k.service_code AND l.municipality_ehak = k.municipality_ehak
			AND l.month = (SELECT MAX(x.month) FROM cell_changes x WHERE x.service_code = k.service_code
				AND x.municipality_ehak = k.municipality_ehak AND x.month < ?)
		WHERE (l.service_code IS NULL AND c.service_code IS NOT NULL) OR (c.service_code IS NULL AND l.offering <> ?)
			OR l.offering <> c.offering OR l.level <> c.level`, month, gone, since, removals, month, gone)
	if err != nil {
		return fmt.Errorf("sqlstore: snapshot changes: %w", err)
	}
	return nil
}

// lastRemoval is the newest queued removal's id: the snapshot compares the removals up to
// it and then takes them off the queue, leaving any queued while it ran for the next.
func (t *tx) lastRemoval(ctx context.Context) (int64, error) {
	var id int64
	err := t.queryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM service_cell_removals`).Scan(&id)
	return id, err
}

// forgetRemovals takes the removals a snapshot of the latest month has recorded off the
// queue: every later month's comparison finds those cells gone already. An earlier month
// taken again leaves them, as the months after it still show those cells.
func (t *tx) forgetRemovals(ctx context.Context, month string, upTo int64) error {
	_, err := t.exec(ctx, `DELETE FROM service_cell_removals WHERE id <= ?
		AND NOT EXISTS (SELECT 1 FROM matrix_snapshots WHERE month > ?)`, upTo, month)
	return err
}
