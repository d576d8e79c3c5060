package sqlstore_test

import (
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestCellsVersion: Totals.Version names the kept cells. On a country kept as levels it
// stays when the copy is read again and no cell changed (an expiry, another process's
// change of something else), so pages keep what they derived; any saved change gives a
// new one. A matrix kept whole gives a new version at every read.
func TestCellsVersion(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		version := func() uint64 {
			t.Helper()
			tot, err := s.Totals(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if tot.Version == 0 {
				t.Fatal("the kept totals name no version")
			}
			return tot.Version
		}
		tartu, err := s.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 3)})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveCell(ctx, "0784", "SOC-001", eservice.CellInput{Offering: eservice.NotOffered}); err != nil {
			t.Fatal(err)
		}

		whole := version()
		s.DropCells()
		if again := version(); again == whole {
			t.Errorf("a matrix kept whole kept version %d over a new read", whole)
		}

		s.WholeCells = 1 // two cells filled: kept as levels
		s.DropCells()
		levels := version()
		s.DropCells()
		if again := version(); again != levels {
			t.Errorf("version %d after a read with no cell changed, want %d", again, levels)
		}
		if _, err := s.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 5), Version: tartu.Version}); err != nil {
			t.Fatal(err)
		}
		changed := version()
		if changed <= levels {
			t.Errorf("version %d after a changed level, want above %d", changed, levels)
		}
		g, err := s.LevelGrid(ctx, []string{"0793"}, []string{"SOC-001"})
		if err != nil || g.Cell("0793", "SOC-001").Level != 5 {
			t.Errorf("level grid after the change: %+v (%v)", g.Cell("0793", "SOC-001"), err)
		}
		s.DropCells()
		if again := version(); again != changed {
			t.Errorf("version %d after a read with no cell changed, want %d", again, changed)
		}
	})
}
