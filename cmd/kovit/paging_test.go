package main

import (
	"net/http"
	"strings"
	"testing"
)

// TestPagingOneRuleOnBothSurfaces: every paged list, on its page and in the API, reads
// limit, offset and order by the one rule (kovit.ParsePage, kovit.ParseSort), so the same
// query is refused the same way on both, naming the field.
func TestPagingOneRuleOnBothSurfaces(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		c := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
		lists := []struct{ page, api string }{
			{"/municipalities", "/api/v1/municipalities"},
			{"/needs", "/api/v1/needs"},
			{"/admin/users", "/api/v1/users"},
			{"/admin/audit", "/api/v1/audit-events"},
		}
		bad := []struct{ query, field, message string }{
			{"limit=0", "limit", "Lehe suurus peab olema 1 kuni 500"},
			{"limit=501", "limit", "Lehe suurus peab olema 1 kuni 500"},
			{"limit=-1", "limit", "Lehe suurus peab olema 1 kuni 500"},
			{"limit=abc", "limit", "Sisestage arv"},
			{"offset=-1", "offset", "Nihe ei saa olla negatiivne"},
			{"offset=x", "offset", "Sisestage arv"},
			{"order=up", "order", "Järjestus peab olema asc või desc"},
		}
		for _, l := range lists {
			for _, b := range bad {
				if b.field == "order" && strings.HasPrefix(l.page, "/admin/") {
					continue // these lists have one order
				}
				if status, body := get(t, c, a.URL+l.page+"?"+b.query); status != http.StatusUnprocessableEntity || !strings.Contains(body, b.message) {
					t.Errorf("%s?%s: %d, want 422 with %q", l.page, b.query, status, b.message)
				}
				if status, body := get(t, c, a.URL+l.api+"?"+b.query); status != http.StatusUnprocessableEntity || !strings.Contains(body, `"`+b.field+`"`) {
					t.Errorf("%s?%s: %d %.200s, want 422 naming %s", l.api, b.query, status, body, b.field)
				}
			}
			for _, good := range []string{"limit=1&offset=1", "limit=500"} {
				if status, _ := get(t, c, a.URL+l.page+"?"+good); status != http.StatusOK {
					t.Errorf("%s?%s: %d", l.page, good, status)
				}
				if status, _ := get(t, c, a.URL+l.api+"?"+good); status != http.StatusOK {
					t.Errorf("%s?%s: %d", l.api, good, status)
				}
			}
		}
		// A page keeps its own page size when none is asked for, and takes one that is.
		if _, body := get(t, c, a.URL+"/municipalities"); !strings.Contains(body, "Kuvatakse 1–79, kokku 79") {
			t.Errorf("/municipalities lost its default page size")
		}
	})
}
