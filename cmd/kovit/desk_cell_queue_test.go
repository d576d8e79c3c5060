package main

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"kovit/internal/desk"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
)

// TestDeskCellQueueLarge: the coordinator's queue of cells to verify is the same whether
// the matrix is kept whole (Estonia) or, as on a large country, read by index a page at a
// time and counted (Store.WholeCells 1): the same first PerKind cells in the same order,
// the same counts, with every filter; past PerKind the group links to the matrix
// filtered as the desk is.
func TestDeskCellQueueLarge(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		f := newDeskFixture(t, a)
		ctx := context.Background()
		ms, _, err := a.store.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		// 60 more cells awaiting verification, in three batches of the same minute, so
		// that municipality and service order the ties.
		base := time.Now().Add(-10 * time.Hour)
		for i, m := range ms[:60] {
			at := base.Add(time.Duration(i%3) * time.Minute)
			a.store.Now = func() time.Time { return at }
			code := []string{"SOC-010", "EDU-001", "SOC-011"}[i%3]
			if _, err := a.store.SaveCell(ctx, m.EHAK, code, eservice.CellInput{Offering: eservice.NotOffered}); err != nil {
				t.Fatal(err)
			}
		}
		a.store.Now = time.Now
		large := startAppOn(t, a.store.DSN(), nil)
		large.store.WholeCells = 1
		cw, cl := a.as(t, f.coordinator), large.as(t, f.coordinator)
		for _, q := range []string{"", "?county=0037", "?area=Sotsiaalhoolekanne", "?area=Sotsiaalhoolekanne&county=0037", "?area=Haridus&county=0084"} {
			_, w := deskOf(t, a, cw, q)
			bodyL, l := deskOf(t, large, cl, q)
			if !reflect.DeepEqual(w.Items, l.Items) || !reflect.DeepEqual(w.Counts, l.Counts) {
				t.Errorf("%q: the large country's desk differs:\n%+v %v\nwhole:\n%+v %v", q, l.Items, l.Counts, w.Items, w.Counts)
			}
			cells := 0
			for _, i := range l.Items {
				if i.Kind == desk.CellToVerify {
					cells++
				}
			}
			if n := l.Counts[desk.CellToVerify]; cells != min(n, desk.PerKind) {
				t.Errorf("%q: %d cells listed of %d", q, cells, n)
			}
			more := strings.Contains(bodyL, `<a href="/eservices`+strings.ReplaceAll(q, "&", "&amp;")+`">`)
			if n := l.Counts[desk.CellToVerify]; more != (n > desk.PerKind) {
				t.Errorf("%q: %d cells, link to the filtered matrix %v", q, n, more)
			}
		}
		if _, d := deskOf(t, large, cl, ""); d.Counts[desk.CellToVerify] != 63 {
			t.Errorf("%d cells to verify, want the fixture's 3 and 60 more", d.Counts[desk.CellToVerify])
		}
	})
}
