package sqlstore_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestImportManyCells imports more cells and criteria than one statement holds, then a
// file that changes some criteria, drops others and repeats a cell: every cell must read
// back as its last row says, with one version and one audit event per change.
func TestImportManyCells(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := auth.WithUser(context.Background(), &auth.User{ID: 2, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
		// 20 × 77 cells, with about 5 000 criteria met.
		ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		services, err := s.ListServices(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		byLevel := map[int][]int64{}
		for level := range 6 {
			byLevel[level] = criteria(t, s, level)
		}
		// rowsAt gives cell i,j the level level(i, j); -1 is not applicable.
		rowsAt := func(level func(i, j int) int) []eservice.ImportRow {
			var rows []eservice.ImportRow
			for i, m := range ms {
				for j, sv := range services {
					in := eservice.CellInput{Offering: eservice.Offered, Met: byLevel[level(i, j)], System: "S"}
					if level(i, j) < 0 {
						in = eservice.CellInput{Offering: eservice.NotApplicable}
					}
					rows = append(rows, eservice.ImportRow{Row: len(rows) + 2, MunicipalityEHAK: m.EHAK, ServiceCode: sv.Code, Input: in})
				}
			}
			return rows
		}
		check := func(level func(i, j int) int, version func(i, j int) int) {
			t.Helper()
			cells, err := s.Cells(ctx, eservice.CellFilter{})
			if err != nil {
				t.Fatal(err)
			}
			grid := eservice.NewGrid(cells)
			for i, m := range ms {
				for j, sv := range services {
					c, want := grid.Cell(m.EHAK, sv.Code), max(level(i, j), 0)
					if c.Level != want || !cmp.Equal(c.Met, byLevel[want]) || c.Version != version(i, j) || c.UpdatedBy != "Kati" {
						t.Fatalf("cell %s/%s: level %d criteria %v version %d, want %d %v %d", m.EHAK, sv.Code, c.Level, c.Met, c.Version, want, byLevel[want], version(i, j))
					}
				}
			}
		}
		first := func(i, j int) int { return (i + j) % 6 }
		if n, err := s.ImportCells(ctx, rowsAt(first)); err != nil || n != len(ms)*len(services) {
			t.Fatalf("first import: %d %v", n, err)
		}
		check(first, func(int, int) int { return 1 })
		events := auditTotal(t, s)

		// Every third municipality moves a level up (criteria added, or all dropped at
		// the top); every fifth service stops applying; cell 0/0 is named twice, its last
		// row setting it back to what it was, which is no change.
		second := func(i, j int) int {
			switch {
			case j%5 == 0 && (i != 0 || j != 0):
				return -1
			case i%3 == 0 && (i != 0 || j != 0):
				return (first(i, j) + 1) % 6
			}
			return first(i, j)
		}
		rows := rowsAt(second)
		for i := range rows {
			rows[i].Version = new(1) // the file was exported after the first import
		}
		rows = append([]eservice.ImportRow{{Row: 1, MunicipalityEHAK: ms[0].EHAK, ServiceCode: services[0].Code,
			Input: eservice.CellInput{Offering: eservice.NotApplicable}}}, rows...)
		changed := 0
		version := func(i, j int) int {
			if second(i, j) != first(i, j) {
				return 2
			}
			return 1
		}
		for i := range ms {
			for j := range services {
				changed += version(i, j) - 1
			}
		}
		if n, err := s.ImportCells(ctx, rows); err != nil || n != changed {
			t.Fatalf("second import: %d %v, want %d changed", n, err, changed)
		}
		check(second, version)
		if got := auditTotal(t, s); got != events+changed {
			t.Errorf("audit events %d, want %d", got, events+changed)
		}
	})
}

// TestSaveOverChangedCell: a cell that changed since it was read is not written over,
// and nothing of the save lands, the other cells' writes included.
func TestSaveOverChangedCell(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		read, err := s.Cell(ctx, "0793", "SOC-001")
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.Cell(ctx, "0784", "SOC-001")
		if err != nil {
			t.Fatal(err)
		}
		// Someone else fills the cell in after it was read.
		if _, err := s.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.NotApplicable}); err != nil {
			t.Fatal(err)
		}
		now, _ := s.Cells(ctx, eservice.CellFilter{})
		events := auditTotal(t, s)
		offered := eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 2)}
		for name, before := range map[string]eservice.Cell{"never filled in when read": read, "at version 1 when read": now[0]} {
			if name == "at version 1 when read" {
				if _, err := s.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.NotOffered, Version: 1}); err != nil {
					t.Fatal(err)
				}
				now, _ = s.Cells(ctx, eservice.CellFilter{})
				events = auditTotal(t, s)
			}
			err := s.SaveOver(ctx, []eservice.Cell{other, before}, []eservice.CellInput{offered, offered})
			if kovit.ErrorCode(err) != kovit.EConflict {
				t.Errorf("%s: %v, want a conflict", name, err)
			}
			if after, _ := s.Cells(ctx, eservice.CellFilter{}); !cmp.Equal(now, after) || auditTotal(t, s) != events {
				t.Errorf("%s: a refused save changed data (-before +after)\n%s", name, cmp.Diff(now, after))
			}
		}
	})
}
