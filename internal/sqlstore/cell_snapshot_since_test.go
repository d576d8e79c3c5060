package sqlstore_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestSnapshotSinceMatchesFull: a month taken after the latest snapshot compares only the
// cells changed or deleted since it, and records exactly what comparing every cell
// records: the month is then taken again (a month not after the latest compares every
// cell) and its history rows, tallies and the rebuilt months must stay the same.
func TestSnapshotSinceMatchesFull(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		clock := time.Date(2026, 9, 30, 12, 0, 0, 0, time.UTC)
		s.Now = func() time.Time { return clock }
		save := func(ehak, code string, off eservice.Offering, level int) {
			t.Helper()
			in := eservice.CellInput{Offering: off}
			if off != eservice.NotApplicable {
				in.Met = criteria(t, s, level)
			}
			if c, err := s.Cell(ctx, ehak, code); err == nil {
				in.Version = c.Version
			}
			if _, err := s.SaveCell(ctx, ehak, code, in); err != nil {
				t.Fatal(err)
			}
		}
		take := func(month string) {
			t.Helper()
			if err := s.TakeSnapshot(ctx, month); err != nil {
				t.Fatal(err)
			}
		}
		raw := func(q string, args ...any) {
			t.Helper()
			if err := s.ExecRaw(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		for i, ehak := range []string{"0784", "0793", "0296"} {
			for j, code := range []string{"SOC-001", "SOC-002", "SOC-003"} {
				save(ehak, code, eservice.Offered, (i+j)%4)
			}
		}
		take("2026-09")
		// A cell deleted before the month after is gone in it, one deleted and saved anew
		// is compared as it is; a cell deleted while it had no history is not recorded.
		clock = clock.Add(2 * time.Hour)
		take("2026-10")
		clock = clock.Add(24 * time.Hour)
		save("0784", "SOC-001", eservice.Offered, 3)       // changed
		save("0793", "SOC-002", eservice.Offered, 1)       // saved, level as before
		save("0296", "SOC-003", eservice.NotApplicable, 0) // now not applicable
		save("0784", "SOC-004", eservice.Offered, 2)       // new
		save("0793", "SOC-004", eservice.Offered, 1)       // new, then deleted
		raw(`DELETE FROM service_cells WHERE municipality_ehak = ? AND service_code = ?`, "0793", "SOC-004")
		raw(`DELETE FROM service_cells WHERE municipality_ehak = ? AND service_code = ?`, "0296", "SOC-001")
		raw(`DELETE FROM service_cells WHERE municipality_ehak = ? AND service_code = ?`, "0784", "SOC-002")
		save("0784", "SOC-002", eservice.Offered, 3) // deleted and saved anew
		// A cell changed in the database's past, as an unchanged cell is, is not compared:
		// it stands for the cells the month need not read.
		raw(`UPDATE service_cells SET level = 5 WHERE municipality_ehak = ? AND service_code = ?`, "0296", "SOC-002")
		raw(`UPDATE service_cells SET updated_at = ? WHERE municipality_ehak = ? AND service_code = ?`,
			time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), "0296", "SOC-002")
		clock = clock.Add(time.Hour)
		take("2026-11")
		since := monthState(t, s, "2026-11")
		if len(since.rows) != 6 {
			t.Errorf("November recorded %d changes, want 6 (two changed, not applicable, new, deleted, deleted and saved anew):\n%v", len(since.rows), since.rows)
		}
		// Taken again, November compares every cell and sees the past change too: undo it
		// first, so that both comparisons see the same matrix.
		raw(`UPDATE service_cells SET level = 3 WHERE municipality_ehak = ? AND service_code = ?`, "0296", "SOC-002")
		clock = clock.Add(time.Hour)
		take("2026-11")
		full := monthState(t, s, "2026-11")
		if !reflect.DeepEqual(since, full) {
			t.Errorf("November compared since October:\n%+v\nwith every cell:\n%+v", since, full)
		}

		// A cell deleted, then October taken again: November keeps showing the cell, and
		// December, compared since November, must still find it gone.
		raw(`DELETE FROM service_cells WHERE municipality_ehak = ? AND service_code = ?`, "0793", "SOC-003")
		clock = clock.Add(time.Hour)
		take("2026-10")
		clock = clock.Add(time.Hour)
		take("2026-12")
		since = monthState(t, s, "2026-12")
		if want := []string{`0793/SOC-003 "" 0`}; !reflect.DeepEqual(since.rows, want) {
			t.Errorf("December recorded %v, want %v", since.rows, want)
		}
		clock = clock.Add(time.Hour)
		take("2026-12")
		if full := monthState(t, s, "2026-12"); !reflect.DeepEqual(since, full) {
			t.Errorf("December compared since November:\n%+v\nwith every cell:\n%+v", since, full)
		}
	})
}

// monthState is what a snapshot month recorded: its history rows, its tallies and every
// month's cells rebuilt from the history.
type snapshotState struct {
	rows    []string
	tallies []eservice.SnapshotTally
	cells   map[string][]eservice.SnapshotCell
}

func monthState(t *testing.T, s *sqlstore.Store, month string) snapshotState {
	t.Helper()
	ctx := context.Background()
	rows, err := s.QueryRaw(ctx, `SELECT service_code, municipality_ehak, offering, level FROM cell_changes
		WHERE month = ? ORDER BY service_code, municipality_ehak`, month)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var st snapshotState
	for rows.Next() {
		var code, ehak, off string
		var level int
		if err := rows.Scan(&code, &ehak, &off, &level); err != nil {
			t.Fatal(err)
		}
		st.rows = append(st.rows, fmt.Sprintf("%s/%s %q %d", ehak, code, off, level))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if st.tallies, err = s.SnapshotTallies(ctx, month); err != nil {
		t.Fatal(err)
	}
	st.cells = snapshotsByMonth(t, s)
	return st
}
