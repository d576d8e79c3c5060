package main

import (
	"context"
	"net/http"
	"regexp"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/eservice"
)

// TestMatrixPageLargeMemo: a large country's matrix page (levels kept, Store.WholeCells 1)
// shows what Estonia's shows, its rows are kept between requests and filters, and a
// change to a cell shows on the next request, the editor's own and everyone's.
func TestMatrixPageLargeMemo(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		fillCells(t, a)
		large := startAppOn(t, a.store.DSN(), nil)
		large.store.WholeCells = 1
		coordinator := a.user(t, "koordinaator@kovit.ee", auth.RoleCoordinator, "")
		cw, cl := a.as(t, coordinator), large.as(t, coordinator)
		body := regexp.MustCompile(`(?s)<tbody>.*?</tbody>`)
		rows := func(a *testApp, c *http.Client, path string) string {
			t.Helper()
			status, page := get(t, c, a.URL+path)
			if status != 200 {
				t.Fatalf("%s: %d", path, status)
			}
			return body.FindString(page)
		}
		tartu := "/eservices?county=0079&area=Sotsiaalhoolekanne"
		cell := func(level string) *regexp.Regexp {
			return regexp.MustCompile(`<td class="lvl-` + level + `"><a href="/eservices/0793/SOC-001">` + level + `</a></td>`)
		}
		for _, path := range []string{tartu, "/eservices?area=Sotsiaalhoolekanne", "/eservices"} {
			w, l := rows(a, cw, path), rows(large, cl, path)
			if w == "" || w != l {
				t.Errorf("%s: the large country's rows differ from the whole matrix's:\n%.400s\nwhole:\n%.400s", path, l, w)
			}
		}
		if !cell("3").MatchString(rows(large, cl, tartu)) {
			t.Fatal("Tartu's level 3 is not on the large country's page")
		}
		// A change through the large process: its next page shows it, also after
		// another filter's page was made from the old cells.
		ctx := auth.WithUser(context.Background(), &coordinator)
		c, err := large.store.Cell(ctx, "0793", "SOC-001")
		if err != nil {
			t.Fatal(err)
		}
		rows(large, cl, "/eservices?area=Sotsiaalhoolekanne")
		if _, err := large.store.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.NotApplicable, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{tartu, "/eservices?area=Sotsiaalhoolekanne"} {
			if got := rows(large, cl, path); cell("3").MatchString(got) ||
				!regexp.MustCompile(`<td class="lvl-na"><a href="/eservices/0793/SOC-001">–</a></td>`).MatchString(got) {
				t.Errorf("%s: the page after the change still shows the old level:\n%.600s", path, got)
			}
		}
	})
}
