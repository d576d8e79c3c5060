package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"kovit/internal/eservice"
)

// The matrix's history is kept as changes (cell_changes, migration 00036): a snapshot
// adds a row only for a cell whose offering or level differs from its latest row before
// the month, so a month in which nothing changed costs no rows. A cell's state at a
// snapshot month is its latest row up to that month; a row whose offering is gone says
// the cell no longer existed then.
const gone = ""

// latestBefore is each cell's latest change before a month (the one ? it takes): its
// state at the end of the month before.
const latestBefore = `(SELECT service_code, municipality_ehak, offering, level FROM (
		SELECT service_code, municipality_ehak, offering, level,
			ROW_NUMBER() OVER (PARTITION BY service_code, municipality_ehak ORDER BY month DESC) AS rn
		FROM cell_changes WHERE month < ?) r WHERE rn = 1)`

// recordChanges writes month's changes: the current cells that differ from their latest
// change before month (or have none), and a gone row for each cell that existed and no
// longer does. Taking a month again replaces its rows.
func (t *tx) recordChanges(ctx context.Context, month string) error {
	if _, err := t.exec(ctx, `DELETE FROM cell_changes WHERE month = ?`, month); err != nil {
		return err
	}
	// One pass over both sides (a full join): on the large country each side is millions
	// of rows, and a second pass for the removals doubled the month's minute and a half.
	_, err := t.exec(ctx, `INSERT INTO cell_changes (service_code, municipality_ehak, month, offering, level)
		SELECT COALESCE(c.service_code, l.service_code), COALESCE(c.municipality_ehak, l.municipality_ehak), ?,
			COALESCE(c.offering, ?), COALESCE(c.level, 0)
		FROM service_cells c FULL JOIN `+latestBefore+` l
			ON l.service_code = c.service_code AND l.municipality_ehak = c.municipality_ehak
		WHERE l.service_code IS NULL OR (c.service_code IS NULL AND l.offering <> ?)
			OR l.offering <> c.offering OR l.level <> c.level`, month, gone, month, gone)
	if err != nil {
		return fmt.Errorf("sqlstore: snapshot changes: %w", err)
	}
	return nil
}

// pinNextSnapshot keeps the next snapshot month after month as it is when month is taken
// again: a cell whose state at month is about to change, and which has no row of its own
// between month and the next snapshot, would otherwise show the new state there too. Such
// a cell gets a row in the next month with the state it shows there today.
func (t *tx) pinNextSnapshot(ctx context.Context, month string) error {
	var next sql.NullString
	if err := t.queryRow(ctx, `SELECT MIN(month) FROM matrix_snapshots WHERE month > ?`, month).Scan(&next); err != nil {
		return err
	}
	if !next.Valid {
		return nil
	}
	// The state at month is the latest change before the month after it.
	after := nextMonth(month)
	noRowBetween := `NOT EXISTS (SELECT 1 FROM cell_changes x WHERE x.service_code = %[1]s.service_code
		AND x.municipality_ehak = %[1]s.municipality_ehak AND x.month > ? AND x.month <= ?)`
	_, err := t.exec(ctx, `INSERT INTO cell_changes (service_code, municipality_ehak, month, offering, level)
		SELECT l.service_code, l.municipality_ehak, ?, l.offering, l.level
		FROM `+latestBefore+` l LEFT JOIN service_cells c
			ON c.service_code = l.service_code AND c.municipality_ehak = l.municipality_ehak
		WHERE (c.service_code IS NULL AND l.offering <> ? OR c.offering <> l.offering OR c.level <> l.level)
			AND `+fmt.Sprintf(noRowBetween, "l"),
		next.String, after, gone, month, next.String)
	if err != nil {
		return fmt.Errorf("sqlstore: snapshot pin: %w", err)
	}
	// A cell that did not exist at month nor later, up to the next snapshot.
	_, err = t.exec(ctx, `INSERT INTO cell_changes (service_code, municipality_ehak, month, offering, level)
		SELECT c.service_code, c.municipality_ehak, ?, ?, 0 FROM service_cells c
		WHERE NOT EXISTS (SELECT 1 FROM cell_changes x WHERE x.service_code = c.service_code
			AND x.municipality_ehak = c.municipality_ehak AND x.month <= ?)`,
		next.String, gone, next.String)
	if err != nil {
		return fmt.Errorf("sqlstore: snapshot pin: %w", err)
	}
	return nil
}

// currentCellsAs is the current matrix as month's snapshot: what taking it just recorded.
func currentCellsAs(ctx context.Context, q querier, month string) ([]eservice.SnapshotCell, error) {
	rows, err := q.query(ctx, `SELECT municipality_ehak, service_code, offering, level FROM service_cells
		ORDER BY municipality_ehak, service_code`)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: snapshot cells: %w", err)
	}
	defer rows.Close()
	var out []eservice.SnapshotCell
	for rows.Next() {
		c := eservice.SnapshotCell{Month: month}
		if err := rows.Scan(&c.MunicipalityEHAK, &c.ServiceCode, &c.Offering, &c.Level); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// snapshotCellsFrom rebuilds every snapshot month's cells (of those w selects) from the
// changes, ordered by month, municipality and service: each cell's rows, oldest first,
// carried forward through the snapshot months.
func snapshotCellsFrom(ctx context.Context, s *Store, w where) ([]eservice.SnapshotCell, error) {
	var out []eservice.SnapshotCell
	err := s.readSnapshot(ctx, func(q querier) error {
		var months []string
		if err := scanStrings(ctx, q, &months, `SELECT month FROM matrix_snapshots ORDER BY month`); err != nil || len(months) == 0 {
			return err
		}
		w.add("month <= ?", months[len(months)-1])
		rows, err := q.query(ctx, `SELECT service_code, municipality_ehak, month, offering, level FROM cell_changes`+
			w.String()+` ORDER BY service_code, municipality_ehak, month`, w.args...)
		if err != nil {
			return fmt.Errorf("sqlstore: snapshots: %w", err)
		}
		defer rows.Close()
		var cell []eservice.SnapshotCell // one cell's changes, oldest first
		flush := func() {
			k := -1 // the cell's latest change up to month m
			for _, m := range months {
				for k+1 < len(cell) && cell[k+1].Month <= m {
					k++
				}
				if k >= 0 && cell[k].Offering != gone {
					c := cell[k]
					c.Month = m
					out = append(out, c)
				}
			}
			cell = cell[:0]
		}
		for rows.Next() {
			var c eservice.SnapshotCell
			if err := rows.Scan(&c.ServiceCode, &c.MunicipalityEHAK, &c.Month, &c.Offering, &c.Level); err != nil {
				return err
			}
			if len(cell) > 0 && (cell[0].ServiceCode != c.ServiceCode || cell[0].MunicipalityEHAK != c.MunicipalityEHAK) {
				flush()
			}
			cell = append(cell, c)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		flush()
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b eservice.SnapshotCell) int {
		if d := strings.Compare(a.Month, b.Month); d != 0 {
			return d
		}
		if d := strings.Compare(a.MunicipalityEHAK, b.MunicipalityEHAK); d != 0 {
			return d
		}
		return strings.Compare(a.ServiceCode, b.ServiceCode)
	})
	return out, nil
}

// scanStrings reads a one-column query's strings into out.
func scanStrings(ctx context.Context, q querier, out *[]string, query string, args ...any) error {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return err
		}
		*out = append(*out, v)
	}
	return rows.Err()
}
