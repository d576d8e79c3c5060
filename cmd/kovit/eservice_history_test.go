package main

import (
	"context"
	"strings"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestMunicipalityMedianHistory: the municipality's e-service page charts its median level
// at each monthly snapshot, with the same figures in a table.
func TestMunicipalityMedianHistory(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) {
			a := startApp(t, engine)
			ctx := context.Background()
			c := a.client(t)
			if _, body := get(t, c, a.URL+"/municipalities/0793/eservices"); !strings.Contains(body, "Kuu lõpu seise pole veel") {
				t.Error("no empty state before the first snapshot")
			}
			if err := a.store.TakeSnapshot(ctx, "2026-10"); err != nil {
				t.Fatal(err)
			}
			scale, _ := a.store.Scale(ctx)
			services, _ := a.store.ListServices(ctx, false)
			var met []int64
			for _, l := range scale[1:] {
				for _, cr := range l.Criteria {
					met = append(met, cr.ID)
				}
			}
			// Every service at level 5 by November: the median goes from 0 to 5.
			for _, s := range services {
				if _, err := a.store.SaveCell(ctx, "0793", s.Code, eservice.CellInput{Offering: eservice.Offered, Met: met}); err != nil {
					t.Fatal(err)
				}
			}
			if err := a.store.TakeSnapshot(ctx, "2026-11"); err != nil {
				t.Fatal(err)
			}
			_, body := get(t, a.signedIn(t, "admin@kovit.test", "admin-parool-1"), a.URL+"/municipalities/0793/eservices")
			for _, want := range []string{`id="median-title"`, "10.2026", "11.2026", "<td class=\"num\">5"} {
				if !strings.Contains(body, want) {
					t.Errorf("no %q on the page", want)
				}
			}
		})
	}
}
