package sqlstore_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestRowReadsFromIndex: a large country's block of rows (RowGrid), its services' figures
// (ServiceStats) and its offered cells service by service (EachServiceOffers) are what
// the whole kept matrix answers; a retired service's cells are passed over and a service
// nobody offers is handed over empty, in the catalogue's order.
func TestRowReadsFromIndex(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, whole *sqlstore.Store) {
		ctx := coordinatorCtx()
		for i, ehak := range []string{"0793", "0784", "0899", "0171"} {
			for j, code := range []string{"SOC-001", "SOC-002", "EDU-001", "SOC-003"} {
				in := eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, whole, (i+j)%5), URL: "https://example.ee/" + ehak}
				switch (i + j) % 4 {
				case 1:
					in = eservice.CellInput{Offering: eservice.NotApplicable}
				case 2:
					in.URL = ""
				}
				if _, err := whole.SaveCell(ctx, ehak, code, in); err != nil {
					t.Fatal(err)
				}
			}
		}
		sv, err := whole.Service(ctx, "SOC-003")
		if err != nil {
			t.Fatal(err)
		}
		sv.Retired = true
		if _, err := whole.UpdateService(ctx, sv); err != nil {
			t.Fatal(err)
		}
		large, err := sqlstore.Open(context.Background(), whole.DSN())
		if err != nil {
			t.Fatal(err)
		}
		defer large.Close()
		large.WholeCells, large.Now = 1, whole.Now

		ehaks := []string{"0793", "0899", "0130", "0784"}
		wg, _ := whole.RowGrid(ctx, ehaks)
		lg, err := large.RowGrid(ctx, ehaks)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ehaks {
			for _, c := range []string{"SOC-001", "SOC-002", "EDU-001", "SOC-003", "SOC-004"} {
				if a, b := wg.Cell(e, c), lg.Cell(e, c); !cmp.Equal(a, b) {
					t.Errorf("%s/%s: whole %+v, from the index %+v", e, c, a, b)
				}
			}
		}
		if len(lg["0171"]) != 0 {
			t.Errorf("a row not asked for was read: %v", lg["0171"])
		}
		if _, err := large.RowGrid(ctx, make([]string, eservice.MaxRowBlock+1)); err == nil {
			t.Error("a block over MaxRowBlock was read")
		}

		services, _ := whole.ListServices(ctx, false)
		ms, _, _ := whole.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
		ws, _ := whole.ServiceStats(ctx, ms, services)
		ls, err := large.ServiceStats(ctx, ms, services)
		if err != nil || !cmp.Equal(ws, ls) || len(ws) != len(services) {
			t.Errorf("service stats: %v\n%s", err, cmp.Diff(ws, ls))
		}

		collect := func(s *sqlstore.Store) ([]int, []map[string]string) {
			var order []int
			var rows []map[string]string
			err := s.EachServiceOffers(ctx, services, func(i int, offers map[string]eservice.Cell) error {
				order = append(order, i)
				row := map[string]string{}
				for e, c := range offers {
					if c.Offering != eservice.Offered || c.ServiceCode != services[i].Code || c.MunicipalityEHAK != e {
						t.Errorf("%s: offer %+v", services[i].Code, c)
					}
					row[e] = c.URL
				}
				rows = append(rows, row)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return order, rows
		}
		wo, wr := collect(whole)
		lo, lr := collect(large)
		if len(wo) != len(services) || !cmp.Equal(wo, lo) {
			t.Errorf("services handed over: whole %d, large %d, want %d in order", len(wo), len(lo), len(services))
		}
		if !cmp.Equal(wr, lr) {
			t.Errorf("offers (-whole +large)\n%s", cmp.Diff(wr, lr))
		}
		offered := 0
		for _, r := range lr {
			offered += len(r)
		}
		if offered != 9 {
			t.Errorf("%d offered cells of current services, want 9", offered)
		}
	})
}
