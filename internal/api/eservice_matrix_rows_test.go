package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/api"
	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// largeTwin is a second store on the same database served as a large country
// (WholeCells 1: levels kept, rows read by index), as a country above
// sqlstore.DefaultWholeCells is.
func largeTwin(t *testing.T, whole *sqlstore.Store) *sqlstore.Store {
	t.Helper()
	large, err := sqlstore.Open(context.Background(), whole.DSN())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { large.Close() })
	large.WholeCells, large.Now = 1, whole.Now
	return large
}

// fillSome saves cells of every kind in a few municipalities of different counties.
func fillSome(t *testing.T, store *sqlstore.Store) {
	t.Helper()
	ctx := context.Background()
	for i, ehak := range []string{"0793", "0784", "0899", "0171", "0353"} {
		for j, code := range []string{"SOC-001", "SOC-002", "EDU-001"} {
			in := eservice.CellInput{Offering: eservice.Offered, URL: "https://example.ee/" + ehak}
			switch (i + j) % 3 {
			case 1:
				in = eservice.CellInput{Offering: eservice.NotApplicable}
			case 2:
				in = eservice.CellInput{Offering: eservice.NotOffered}
			}
			if _, err := store.SaveCell(ctx, ehak, code, in); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestMatrixRowPages: GET /api/v1/matrix answers Estonia whole in its default page, and a
// large country's pages of municipalities, followed by next, give every row exactly once
// with the same cells and figures as the whole answer.
func TestMatrixRowPages(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		fillSome(t, store)
		whole := newServer(t, store)
		large := newServer(t, largeTwin(t, store))
		for _, filter := range []string{"", "county=0079&", "area=Sotsiaalhoolekanne&", "service=SOC-001&"} {
			var all api.Matrix
			whole.get("/api/v1/matrix?"+filter, "", &all)
			if all.Next != "" || all.MunicipalityOffset != 0 || len(all.Municipalities) != all.MunicipalityTotal || all.MunicipalityLimit != 100 ||
				all.Total != len(all.Items) || len(all.Items) != all.MunicipalityTotal*len(all.Services) || len(all.Items) == 0 {
				t.Fatalf("%q: default page of %d municipalities of %d, %d cells, next %q", filter, len(all.Municipalities), all.MunicipalityTotal, len(all.Items), all.Next)
			}
			if filter == "" && all.MunicipalityTotal != 79 {
				t.Errorf("Estonia's matrix has %d municipalities, want 79", all.MunicipalityTotal)
			}
			var large1 api.Matrix
			large.get("/api/v1/matrix?"+filter, "", &large1)
			if diff := cmp.Diff(all, large1); diff != "" {
				t.Errorf("%q: large country's default page differs (-whole +large)\n%s", filter, diff)
			}
			for _, srv := range []*testServer{whole, large} {
				var items []api.MatrixCell
				var rows []eservice.MunicipalityStats
				seen := map[string]int{}
				path, pages := "/api/v1/matrix?"+filter+"municipality_limit=7", 0
				for path != "" && pages < 100 {
					var m api.Matrix
					srv.get(path, "", &m)
					pages++
					if m.MunicipalityTotal != all.MunicipalityTotal || m.MunicipalityLimit != 7 || len(m.Municipalities) > 7 {
						t.Fatalf("%s: %d of %d municipalities, limit %d", path, len(m.Municipalities), m.MunicipalityTotal, m.MunicipalityLimit)
					}
					if !cmp.Equal(m.Services, all.Services) {
						t.Errorf("%s: the services' figures are not those of the whole selection", path)
					}
					for _, st := range m.Municipalities {
						seen[st.EHAK]++
					}
					items, rows = append(items, m.Items...), append(rows, m.Municipalities...)
					path = m.Next
				}
				if want := (all.MunicipalityTotal + 6) / 7; pages != want {
					t.Errorf("%q: %d pages, want %d", filter, pages, want)
				}
				for ehak, n := range seen {
					if n != 1 {
						t.Errorf("%q: %s on %d pages", filter, ehak, n)
					}
				}
				if diff := cmp.Diff(all.Items, items); diff != "" {
					t.Errorf("%q: the pages' cells (-whole +pages)\n%s", filter, diff)
				}
				if diff := cmp.Diff(all.Municipalities, rows); diff != "" {
					t.Errorf("%q: the pages' rows (-whole +pages)\n%s", filter, diff)
				}
			}
		}
		// Cells are paged within the page of rows, as before.
		var m api.Matrix
		large.get("/api/v1/matrix?municipality_limit=2&municipality_offset=4&limit=5&offset=3", "", &m)
		if m.Total != 2*77 || len(m.Items) != 5 || m.Offset != 3 || m.MunicipalityOffset != 4 || len(m.Municipalities) != 2 || m.Next == "" {
			t.Errorf("cells of a page: %d of %d from %d, rows %d from %d, next %q", len(m.Items), m.Total, m.Offset, len(m.Municipalities), m.MunicipalityOffset, m.Next)
		}
		m = api.Matrix{}
		large.get("/api/v1/matrix?municipality_offset=500", "", &m)
		if len(m.Items) != 0 || len(m.Municipalities) != 0 || m.Next != "" || m.MunicipalityTotal != 79 {
			t.Errorf("past the last page: %d cells, %d rows, next %q", len(m.Items), len(m.Municipalities), m.Next)
		}
		for _, q := range []string{"municipality_limit=0", "municipality_limit=501", "municipality_limit=x", "municipality_offset=-1"} {
			p := large.do(req{path: "/api/v1/matrix?" + q}).problem(t, http.StatusUnprocessableEntity)
			if field, _, _ := strings.Cut(q, "="); !cmp.Equal(p.fields(), []string{field}) {
				t.Errorf("%s: fields %v", q, p.fields())
			}
		}
	})
}
