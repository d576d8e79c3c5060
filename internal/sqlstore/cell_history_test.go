package sqlstore_test

import (
	"context"
	"reflect"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestSnapshotKeepsChanges: a snapshot adds a history row only for a cell that changed
// since the month before, so a month in which nothing changed adds none; and taking an
// earlier month again leaves the later months' views as they were.
func TestSnapshotKeepsChanges(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		save := func(ehak, code string, level int) {
			t.Helper()
			in := eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, level)}
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
		rows := func() int64 {
			t.Helper()
			n, err := s.TableRows(ctx, "cell_changes")
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
		byMonth := func() map[string][]eservice.SnapshotCell { t.Helper(); return snapshotsByMonth(t, s) }
		save("0784", "SOC-001", 2)
		save("0793", "SOC-001", 1)
		take("2026-09")
		if n := rows(); n != 2 {
			t.Errorf("%d history rows after the first month, want the 2 cells", n)
		}
		take("2026-10")
		if n := rows(); n != 2 {
			t.Errorf("%d history rows after a month without changes, want 2", n)
		}
		save("0784", "SOC-001", 4)
		take("2026-11")
		if n := rows(); n != 3 {
			t.Errorf("%d history rows after one change, want 3", n)
		}
		views := byMonth()
		if got := views["2026-10"]; len(got) != 2 || got[0].Level != 2 || got[1].Level != 1 {
			t.Errorf("the matrix as of October: %+v", got)
		}
		if got := views["2026-11"]; len(got) != 2 || got[0].Level != 4 {
			t.Errorf("the matrix as of November: %+v", got)
		}

		// October again, after a new cell and another change: November stays as it was.
		save("0793", "SOC-001", 3)
		save("0784", "SOC-002", 1)
		take("2026-10")
		again := byMonth()
		for _, m := range []string{"2026-09", "2026-11"} {
			if !reflect.DeepEqual(again[m], views[m]) {
				t.Errorf("%s changed when October was taken again:\n was %+v\n now %+v", m, views[m], again[m])
			}
		}
		if got := again["2026-10"]; len(got) != 3 || got[0].Level != 4 || got[1].Level != 1 || got[2].Level != 3 {
			t.Errorf("October taken again: %+v, want today's three cells", got)
		}
		tallies, err := s.SnapshotTallies(ctx, "2026-11")
		if err != nil || len(tallies) != 1 || tallies[0].ServiceCode != "SOC-001" || tallies[0].Online != 1 {
			t.Errorf("November's tallies %+v %v", tallies, err)
		}
	})
}

// snapshotsByMonth is the matrix as of every snapshot month, as the store rebuilds it.
func snapshotsByMonth(t *testing.T, s *sqlstore.Store) map[string][]eservice.SnapshotCell {
	t.Helper()
	all, err := s.Snapshots(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]eservice.SnapshotCell{}
	for _, c := range all {
		out[c.Month] = append(out[c.Month], c)
	}
	return out
}
