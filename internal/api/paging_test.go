package api_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// listPage is the answer of every list, whatever its items.
type listPage struct {
	Items  []json.RawMessage `json:"items"`
	Total  *int              `json:"total"`
	Limit  *int              `json:"limit"`
	Offset *int              `json:"offset"`
}

// TestEveryListPages: every list of the API takes limit and offset the same way and
// answers the same shape; a bad limit is refused naming it. Without a limit a list that
// answered every item before still does.
func TestEveryListPages(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		f := newPlanFixture(t, store)
		_, admin := s.user(auth.RoleAdmin, "")
		_, coord := s.user(auth.RoleCoordinator, "")
		_, tartu := s.user(auth.RoleEditor, "0793")
		post := func(path, token, body string) int64 {
			t.Helper()
			r := s.do(req{method: "POST", path: path, token: token, body: body})
			var out struct{ ID int64 }
			r.decode(t, &out)
			if r.status != http.StatusCreated {
				t.Fatalf("POST %s: %d %s", path, r.status, r.body)
			}
			return out.ID
		}
		// Two of everything, so that a second page has an item.
		var needs []int64
		for i := range 3 { // two likely duplicates of the first
			needs = append(needs, post("/api/v1/needs", tartu, fmt.Sprintf(`{"municipality_ehak":"0793","title":"Dokumendihaldussüsteemi uuendamine %d","category":"records"}`, i)))
		}
		// Overdue tasks need attention in a plan that is not archived, as the seed is.
		open := post(fmt.Sprintf("/api/v1/strategies/%d/nodes", f.draft.ID), coord, fmt.Sprintf(`{"kind":"activity","code":"1.1","title_et":"Tegevus","parent_id":%d}`, f.goal.ID))
		for i := range 2 {
			post(fmt.Sprintf("/api/v1/activities/%d/tasks", open), coord, fmt.Sprintf(`{"title_et":"Ülesanne %d","state":"not_started","due":"2020-01-0%dT00:00:00Z"}`, i, i+1))
			post("/api/v1/rounds", coord, fmt.Sprintf(`{"title":"Voor %d","deadline":"2027-03-0%d","open":true}`, i, i+1))
			post("/api/v1/measures", coord, fmt.Sprintf(`{"name":"Meede %d","start_year":2021,"end_year":2027}`, i))
			post("/api/v1/consolidated-needs", coord, fmt.Sprintf(`{"title":"Koondvajadus %d","category":"records","need_ids":[]}`, i))
			post("/api/v1/indicators", coord, fmt.Sprintf(`{"strategy_id":%d,"name_et":"Näitaja %d","direction":"higher"}`, f.seed.ID, i))
			post("/api/v1/reports", coord, fmt.Sprintf(`{"strategy_id":%d,"title_et":"Aruanne %d","period_start":"2026-01-01T00:00:00Z","period_end":"2026-12-31T00:00:00Z"}`, f.seed.ID, i))
			post(fmt.Sprintf("/api/v1/activities/%d/updates", f.activity.ID), coord, fmt.Sprintf(`{"body":"Uudis %d","date":"2026-06-0%dT00:00:00Z"}`, i, i+1))
		}
		for _, id := range needs {
			s.send("POST", fmt.Sprintf("/api/v1/needs/%d/transitions", id), tartu, `{"to":"submitted","version":1}`, http.StatusOK, nil)
		}
		lists := []struct {
			path string
			all  bool // without a limit, every item
		}{
			{"/api/v1/municipalities", false},
			{"/api/v1/municipalities/0793/services", true},
			{"/api/v1/counties", true},
			{"/api/v1/services", true},
			{"/api/v1/maturity-scale", true},
			{"/api/v1/matrix", true},
			{"/api/v1/strategies", true},
			{"/api/v1/activities", false},
			{fmt.Sprintf("/api/v1/activities/%d/updates", f.activity.ID), true},
			{"/api/v1/attention", true},
			{"/api/v1/reports", true},
			{"/api/v1/indicators", true},
			{"/api/v1/needs", true},
			{fmt.Sprintf("/api/v1/needs/%d/similar", needs[0]), false},
			{"/api/v1/consolidated-needs", true},
			{"/api/v1/consolidated-needs?sort=priority", true},
			{"/api/v1/priorities", true},
			{"/api/v1/measures", true},
			{"/api/v1/rounds", true},
			{"/api/v1/users", true},
			{"/api/v1/audit-events", false},
		}
		get := func(path string) (listPage, resp) {
			t.Helper()
			r := s.do(req{path: path, token: admin})
			var p listPage
			if r.status == http.StatusOK {
				r.decode(t, &p)
				if p.Items == nil || p.Total == nil || p.Limit == nil || p.Offset == nil {
					t.Errorf("%s: not a page: %.300s", path, r.body)
				}
			}
			return p, r
		}
		with := func(path, q string) string {
			if strings.Contains(path, "?") {
				return path + "&" + q
			}
			return path + "?" + q
		}
		for _, l := range lists {
			whole, r := get(l.path)
			if r.status != http.StatusOK || whole.Total == nil {
				t.Errorf("%s: %d %.300s", l.path, r.status, r.body)
				continue
			}
			total := *whole.Total
			if total < 2 {
				t.Errorf("%s: total %d, too few to tell pages apart", l.path, total)
			}
			if l.all && len(whole.Items) != total {
				t.Errorf("%s: without a limit %d of %d items", l.path, len(whole.Items), total)
			}
			for _, tt := range []struct {
				query         string
				items, offset int
			}{
				{"limit=1", min(1, total), 0},
				{"limit=1&offset=1", min(1, total-1), 1},
			} {
				p, r := get(with(l.path, tt.query))
				if r.status != http.StatusOK || p.Total == nil {
					t.Errorf("%s?%s: %d %.300s", l.path, tt.query, r.status, r.body)
					continue
				}
				if len(p.Items) != tt.items || *p.Total != total || *p.Limit != 1 || *p.Offset != tt.offset {
					t.Errorf("%s?%s: %d items, total %d, limit %d, offset %d; want %d items, total %d",
						l.path, tt.query, len(p.Items), *p.Total, *p.Limit, *p.Offset, tt.items, total)
				}
				if tt.offset == 1 && len(p.Items) == 1 && string(p.Items[0]) != string(whole.Items[1]) && l.all {
					t.Errorf("%s?%s: not the second item", l.path, tt.query)
				}
			}
			for _, bad := range []string{"limit=0", "limit=-1", "limit=abc", "limit=100000", "offset=-1"} {
				field, _, _ := strings.Cut(bad, "=")
				_, r := get(with(l.path, bad))
				p := r.problem(t, http.StatusUnprocessableEntity)
				if got := p.fields(); len(got) != 1 || got[0] != field {
					t.Errorf("%s?%s: fields %v, want %s", l.path, bad, got, field)
				}
			}
		}
	})
}
