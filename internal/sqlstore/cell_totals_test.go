package sqlstore_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The kept totals equal the totals counted from the cells after every kind of write:
// a first save, a change of level, a cell marked not applicable and back, an import, a
// municipality's one-page form and a coordinator's review.
func TestServiceTotalsKeptUp(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := coordinatorCtx()
		check := func(step string) {
			t.Helper()
			kept, err := s.ServiceTotals(ctx)
			if err != nil {
				t.Fatal(err)
			}
			counted, err := s.CountedTotals(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(counted, kept); diff != "" {
				t.Errorf("%s: kept totals differ from the cells (-counted +kept)\n%s", step, diff)
			}
		}
		check("empty")
		save := func(ehak, code string, in eservice.CellInput) eservice.Cell {
			t.Helper()
			c, err := s.SaveCell(ctx, ehak, code, in)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		tartu := save("0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 3)})
		save("0784", "SOC-001", eservice.CellInput{Offering: eservice.NotApplicable})
		save("0793", "SOC-002", eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 4)})
		check("first saves")
		totals, _ := s.ServiceTotals(ctx)
		if len(totals) != 2 || totals[0].Code != "SOC-001" || totals[0].Filled != 2 || totals[0].Online != 1 ||
			totals[0].NotApplicable != 1 || totals[0].PopulationOnline <= 0 {
			t.Errorf("totals after the first saves: %+v", totals)
		}
		tartu = save("0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 1), Version: tartu.Version})
		check("level down")
		tartu = save("0793", "SOC-001", eservice.CellInput{Offering: eservice.NotApplicable, Version: tartu.Version})
		check("not applicable")
		save("0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 5), Version: tartu.Version})
		check("back online")

		cells, _ := s.Cells(ctx, eservice.CellFilter{})
		rows := asRows(cells)
		rows[0].Input.Met = criteria(t, s, 0)
		rows = append(rows, eservice.ImportRow{Row: 20, MunicipalityEHAK: "0899", ServiceCode: "SOC-003",
			Input: eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 3)}})
		if _, err := s.ImportCells(ctx, rows); err != nil {
			t.Fatal(err)
		}
		check("import")
		if _, err := s.SaveMunicipalityCells(ctx, "0784", []eservice.RowInput{
			{ServiceCode: "SOC-002", In: eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 3)}},
			{ServiceCode: "SOC-003", In: eservice.CellInput{Offering: eservice.NotOffered}},
		}); err != nil {
			t.Fatal(err)
		}
		check("one-page form")
		for _, r := range []eservice.Review{{Verification: eservice.Verified}, {Verification: eservice.Returned, Reason: "Link puudub"}} {
			c, _ := s.Cell(ctx, "0784", "SOC-002")
			r.Version = c.Version
			if _, err := s.ReviewCell(ctx, "0784", "SOC-002", r); err != nil {
				t.Fatal(err)
			}
			check("review " + string(r.Verification))
		}
		if totals, _ := s.ServiceTotals(ctx); totals[1].Code != "SOC-002" || totals[1].Returned != 1 || totals[1].SelfReported != 1 {
			t.Errorf("SOC-002 after its review: %+v", totals[1])
		}
		if err := s.RebuildServiceTotals(ctx); err != nil {
			t.Fatal(err)
		}
		check("rebuilt")
	})
}

// A matrix above Store.WholeCells is kept as levels only: its pages' reads answer as the
// whole copy does, and a save shows at once.
func TestLargeMatrixFromLevels(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, whole *sqlstore.Store) {
		ctx := coordinatorCtx()
		for i, ehak := range []string{"0793", "0784", "0899"} {
			for j, code := range []string{"SOC-001", "SOC-002", "SOC-003"} {
				in := eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, whole, (i+j)%6)}
				if (i+j)%4 == 3 {
					in = eservice.CellInput{Offering: eservice.NotApplicable}
				}
				if _, err := whole.SaveCell(ctx, ehak, code, in); err != nil {
					t.Fatal(err)
				}
			}
		}
		large, err := sqlstore.Open(context.Background(), whole.DSN())
		if err != nil {
			t.Fatal(err)
		}
		defer large.Close()
		large.WholeCells, large.Now = 1, whole.Now
		services, err := whole.ListServices(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		ehaks := []string{"0793", "0784", "0899", "0171"}
		codes := []string{"SOC-001", "SOC-002", "SOC-003", "SOC-004"}
		same := func(step string) {
			t.Helper()
			for _, f := range []eservice.CellFilter{{MunicipalityEHAK: "0793"}, {ServiceCode: "SOC-002"}} {
				a, _ := whole.Cells(ctx, f)
				b, err := large.Cells(ctx, f)
				if err != nil || !cmp.Equal(a, b) || len(a) == 0 {
					t.Errorf("%s: cells %+v: %v\n%s", step, f, err, cmp.Diff(a, b))
				}
			}
			wg, _ := whole.LevelGrid(ctx, ehaks, codes)
			lg, err := large.LevelGrid(ctx, ehaks, codes)
			if err != nil {
				t.Fatal(err)
			}
			if len(lg) != len(ehaks) {
				t.Errorf("%s: level grid of %d rows, want %d", step, len(lg), len(ehaks))
			}
			for _, e := range ehaks {
				for _, c := range codes {
					a, b := wg.Cell(e, c), lg.Cell(e, c)
					if a.Offering != b.Offering || a.Level != b.Level || (a.Version > 0) != (b.Version > 0) {
						t.Errorf("%s: %s/%s is %s %d (v%d) from levels, %s %d (v%d) whole", step, e, c,
							b.Offering, b.Level, b.Version, a.Offering, a.Level, a.Version)
					}
				}
			}
			ws, _ := whole.MunicipalityStats(ctx, ehaks, services)
			ls, err := large.MunicipalityStats(ctx, ehaks, services)
			if err != nil || !cmp.Equal(ws, ls) {
				t.Errorf("%s: municipality stats: %v\n%s", step, err, cmp.Diff(ws, ls))
			}
			for i, e := range ehaks {
				if want := wg.MunicipalityStatsOf(e, services); ws[i] != want {
					t.Errorf("%s: %s: stats %+v, grid says %+v", step, e, ws[i], want)
				}
			}
			wt, _ := whole.Totals(ctx)
			lt, err := large.Totals(ctx)
			wt.Version, lt.Version = 0, 0 // each store numbers its own reads
			if err != nil || !cmp.Equal(wt, lt) || wt.Filled != 9 && step == "before" {
				t.Errorf("%s: totals %+v, whole %+v (%v)", step, lt, wt, err)
			}
		}
		same("before")
		// A save through the large store reads only the changed cells again.
		c, _ := large.Cell(ctx, "0899", "SOC-004")
		if _, err := large.SaveCell(ctx, "0899", "SOC-004", eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, large, 5), Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		c, _ = large.Cell(ctx, "0793", "SOC-001")
		if _, err := large.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.NotApplicable, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		lg, _ := large.LevelGrid(ctx, ehaks, codes)
		if got := lg.Cell("0899", "SOC-004"); got.Level != 5 || got.Version == 0 {
			t.Errorf("saved cell from levels: %+v", got)
		}
		if got := lg.Cell("0793", "SOC-001"); got.Offering != eservice.NotApplicable {
			t.Errorf("saved cell from levels: %+v", got)
		}
		if lt, _ := large.Totals(ctx); lt.Filled != 10 {
			t.Errorf("totals after the saves: %d filled, want 10", lt.Filled)
		}
		// The whole store learns of the other store's saves when its copy is dropped (on
		// PostgreSQL by the change feed; here by its own save).
		if _, err := whole.SaveCell(ctx, "0171", "SOC-001", eservice.CellInput{Offering: eservice.NotOffered}); err != nil {
			t.Fatal(err)
		}
		c, _ = large.Cell(ctx, "0784", "SOC-001")
		if _, err := large.SaveCell(ctx, "0784", "SOC-001", eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, large, 2), Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		same("after")
	})
}
