package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/api"
	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestMunicipalityServices(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		ctx := context.Background()
		scale, err := store.Scale(ctx)
		if err != nil {
			t.Fatal(err)
		}
		services, err := store.ListServices(ctx, false)
		if err != nil {
			t.Fatal(err)
		}
		// Every service of a municipality at one level, through an import.
		var rows []eservice.ImportRow
		fill := func(ehak string, level int) {
			in := eservice.CellInput{Offering: eservice.Offered}
			for _, l := range scale[1 : level+1] {
				for _, c := range l.Criteria {
					in.Met = append(in.Met, c.ID)
				}
			}
			for _, sv := range services {
				rows = append(rows, eservice.ImportRow{Row: len(rows) + 2, MunicipalityEHAK: ehak, ServiceCode: sv.Code, Input: in})
			}
		}
		fill("0793", 3) // Tartu linn: linn, Tartu county, ≥ 50 000
		fill("0784", 5) // Tallinn: linn, ≥ 50 000
		fill("0624", 1) // Pärnu linn: linn, ≥ 50 000; Narva, the fourth, has nothing
		fill("0171", 4) // Elva vald, Kambja vald, Kastre vald, Luunja vald: Tartu county
		fill("0283", 4)
		fill("0291", 2)
		fill("0432", 1)
		// Tartu linn's SOC-001 does not apply: left out of its median and count.
		for i, r := range rows {
			if r.MunicipalityEHAK == "0793" && r.ServiceCode == "SOC-001" {
				rows[i].Input = eservice.CellInput{Offering: eservice.NotApplicable}
			}
		}
		if _, err := store.ImportCells(ctx, rows); err != nil {
			t.Fatal(err)
		}

		var got api.MunicipalityServices
		s.get("/api/v1/municipalities/0793/services", "", &got)
		if got.Total != len(services) || len(got.Items) != got.Total {
			t.Fatalf("%d cells of %d, want every current service", len(got.Items), got.Total)
		}
		for i, c := range got.Items {
			want := 3
			if c.ServiceCode == "SOC-001" {
				want = 0
			}
			if c.MunicipalityEHAK != "0793" || c.ServiceCode != services[i].Code || c.Level != want || c.Verification != eservice.SelfReported {
				t.Errorf("cell %+v", c)
			}
		}
		if want := (eservice.MunicipalityStats{EHAK: "0793", Median: 3, Online: len(services) - 1}); got.Stats != want {
			t.Errorf("stats %+v, want %+v", got.Stats, want)
		}
		// Medians of the medians: 15 cities with 12 at 0; the four largest at 0 1 3 5; the
		// eight of Tartu county at 0 0 0 1 2 3 4 4.
		want := []api.PeerGroup{{"type", "linn", 15, 0}, {"band", "ge50000", 4, 2}, {"county", "0079", 8, 1.5}, {"country", "", 79, 0}}
		if diff := cmp.Diff(want, got.Peers); diff != "" {
			t.Errorf("peers (-want +got)\n%s", diff)
		}

		// Narva has filled in nothing: unknown, never "not offered", and no time of a change.
		r := s.do(req{path: "/api/v1/municipalities/0511/services"})
		var raw struct{ Items []map[string]any }
		r.decode(t, &raw)
		if r.status != http.StatusOK || len(raw.Items) != len(services) {
			t.Fatalf("Narva: %d, %d cells", r.status, len(raw.Items))
		}
		for _, c := range raw.Items {
			if _, has := c["updated_at"]; c["offering"] != "unknown" || has || c["version"] != 0.0 {
				t.Errorf("a cell never filled in: %v", c)
				break
			}
		}

		s.do(req{path: "/api/v1/municipalities/0001/services"}).problem(t, http.StatusNotFound)
		s.do(req{path: "/api/v1/municipalities/0793/services?k=3"}).problem(t, http.StatusUnprocessableEntity)
	})
}
