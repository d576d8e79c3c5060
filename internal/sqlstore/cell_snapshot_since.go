package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"kovit/internal/eservice"
)

// snapshotSlack is how far before the previous snapshot's taken_at a snapshot looks for
// changed cells: a cell saved (updated_at) before that snapshot began but committed after
// it, or by a process whose clock runs behind, is compared all the same.
const snapshotSlack = 5 * time.Minute

// changedSince names the latest snapshot month (prev) when month comes after every
// snapshot, and since, from when the cells month must compare were changed: prev's
// taken_at less the slack. Until then every cell has its latest change at or before prev,
// so a cell not changed since cannot differ from it. prev is "" (compare every cell) for
// the first snapshot and for a month taken again or before the latest.
func (t *tx) changedSince(ctx context.Context, month string) (prev string, since time.Time, err error) {
	var at time.Time
	err = t.queryRow(ctx, `SELECT month, taken_at FROM matrix_snapshots ORDER BY month DESC LIMIT 1`).Scan(&prev, &at)
	if errors.Is(err, sql.ErrNoRows) || err == nil && prev >= month {
		return "", time.Time{}, nil
	}
	if err != nil {
		return "", time.Time{}, fmt.Errorf("sqlstore: latest snapshot: %w", err)
	}
	return prev, at.Add(-snapshotSlack), nil
}

// recordChangesSince is recordChanges and the month's tallies for the cells changed
// since (updated_at, indexed) or deleted since prev's snapshot (service_cell_removals,
// filled by a trigger): at 6.5 million cells the full comparison took minutes, while a
// month changes a few thousand. Each such cell is compared with its latest change before
// month, found by cell_changes' primary key, and the tallies are prev's plus what the
// month's changes moved (counting them from every cell took 9 s of the month's 10).
func (t *tx) recordChangesSince(ctx context.Context, month, prev string, since time.Time, removals int64) error {
	if _, err := t.exec(ctx, `DELETE FROM cell_changes WHERE month = ?`, month); err != nil {
		return err
	}
	rows, err := t.query(ctx, `SELECT k.service_code, k.municipality_ehak, COALESCE(c.offering, ?), COALESCE(c.level, 0),
			COALESCE(l.offering, ?), COALESCE(l.level, 0)
		FROM (SELECT service_code, municipality_ehak FROM service_cells WHERE updated_at >= ?
			UNION SELECT service_code, municipality_ehak FROM service_cell_removals WHERE id <= ?) k
		LEFT JOIN service_cells c ON c.service_code = k.service_code AND c.municipality_ehak = k.municipality_ehak
		LEFT JOIN cell_changes l ON l.service_code = k.service_code AND l.municipality_ehak = k.municipality_ehak
			AND l.month = (SELECT MAX(x.month) FROM cell_changes x WHERE x.service_code = k.service_code
				AND x.municipality_ehak = k.municipality_ehak AND x.month < ?)
		WHERE (l.service_code IS NULL AND c.service_code IS NOT NULL) OR (c.service_code IS NULL AND l.offering <> ?)
			OR l.offering <> c.offering OR l.level <> c.level`, gone, gone, since, removals, month, gone)
	if err != nil {
		return fmt.Errorf("sqlstore: snapshot changes: %w", err)
	}
	var changes []any
	moved := map[string]*eservice.SnapshotTally{}
	for rows.Next() {
		var code, ehak, off, was string
		var level, wasLevel int
		if err := rows.Scan(&code, &ehak, &off, &level, &was, &wasLevel); err != nil {
			rows.Close()
			return err
		}
		changes = append(changes, code, ehak, month, off, level)
		d := moved[code]
		if d == nil {
			d = &eservice.SnapshotTally{}
			moved[code] = d
		}
		d.Online += countsOnline(off, level) - countsOnline(was, wasLevel)
		d.NotApplicable += countsNotApplicable(off) - countsNotApplicable(was)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := t.execRows(ctx, `INSERT INTO cell_changes (service_code, municipality_ehak, month, offering, level) VALUES`, 5, changes, ""); err != nil {
		return fmt.Errorf("sqlstore: snapshot changes: %w", err)
	}
	return t.movedTallies(ctx, month, prev, moved)
}

// countsOnline and countsNotApplicable are 1 for a cell the full count in TakeSnapshot
// counts among a tally's online cells, or its cells not applicable; a cell gone counts in
// neither.
func countsOnline(offering string, level int) int {
	if offering != gone && offering != string(eservice.NotApplicable) && level >= eservice.Online {
		return 1
	}
	return 0
}

func countsNotApplicable(offering string) int {
	if offering == string(eservice.NotApplicable) {
		return 1
	}
	return 0
}

// movedTallies writes month's tallies: prev's moved by the month's changes. A service
// left at none of either is kept only while it still has a cell, as the full count,
// grouped by the cells' services, would have it.
func (t *tx) movedTallies(ctx context.Context, month, prev string, moved map[string]*eservice.SnapshotTally) error {
	rows, err := t.query(ctx, `SELECT service_code, online, not_applicable FROM snapshot_tallies WHERE month = ?`, prev)
	if err != nil {
		return fmt.Errorf("sqlstore: snapshot tallies: %w", err)
	}
	tallies := map[string]*eservice.SnapshotTally{}
	for rows.Next() {
		tl := &eservice.SnapshotTally{}
		if err := rows.Scan(&tl.ServiceCode, &tl.Online, &tl.NotApplicable); err != nil {
			rows.Close()
			return err
		}
		tallies[tl.ServiceCode] = tl
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for code, d := range moved {
		tl := tallies[code]
		if tl == nil {
			tl = &eservice.SnapshotTally{ServiceCode: code}
			tallies[code] = tl
		}
		tl.Online += d.Online
		tl.NotApplicable += d.NotApplicable
	}
	var args []any
	for code, tl := range tallies {
		if tl.Online == 0 && tl.NotApplicable == 0 {
			var n int
			if err := t.queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM service_cells WHERE service_code = ? LIMIT 1) x`, code).Scan(&n); err != nil {
				return err
			}
			if n == 0 {
				continue
			}
		}
		args = append(args, month, code, tl.Online, tl.NotApplicable)
	}
	if _, err := t.execRows(ctx, `INSERT INTO snapshot_tallies (month, service_code, online, not_applicable) VALUES`, 4, args, ""); err != nil {
		return fmt.Errorf("sqlstore: snapshot tallies: %w", err)
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
