package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestBadValuesNameTheField: a well-formed body with a value that cannot be taken (a date
// where a time is due, an amount past any budget, a year no record is about, text that is
// not UTF-8) is refused with the field named, and nothing is saved.
func TestBadValuesNameTheField(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		_, tartu := s.user(auth.RoleEditor, "0793")
		var st plan.Strategy
		s.send("POST", "/api/v1/strategies", coord, `{"title_et":"Kava","start_year":2026,"end_year":2030,"status":"draft"}`, http.StatusCreated, &st)
		var act plan.Node
		s.send("POST", fmt.Sprintf("/api/v1/strategies/%d/nodes", st.ID), coord, `{"kind":"activity","code":"1","title_et":"Tegevus"}`, http.StatusCreated, &act)
		report := func(start, end string) string {
			return fmt.Sprintf(`{"strategy_id":%d,"title_et":"Aruanne","period_start":%q,"period_end":%q}`, st.ID, start, end)
		}
		statuses := `[{"key":"a","name_et":"a","colour":"#000000"},{"key":"b","name_et":"b","colour":"#000000"},{"key":"c","name_et":"c","colour":"#00` + "\xff" + `000"}]`
		tests := []struct {
			name, method, path, token, body string
			field, key                      string
		}{
			{"date for a time", "POST", "/api/v1/reports", coord, report("2026-01-01", "2026-12-31T00:00:00Z"), "period_start", "api.error.json_datetime"},
			{"year 0", "POST", "/api/v1/reports", coord, report("0000-01-01T00:00:00Z", "2026-12-31T00:00:00Z"), "period_start", "error.date"},
			{"year 2201", "POST", "/api/v1/reports", coord, report("2026-01-01T00:00:00Z", "2201-01-01T00:00:00Z"), "period_end", "error.date"},
			{"year 1899 in a due date", "PATCH", fmt.Sprintf("/api/v1/nodes/%d", act.ID), coord, `{"start":"1899-12-31T00:00:00Z","version":1}`, "start", "error.date"},
			{"cost 1e300", "POST", "/api/v1/needs", tartu, `{"municipality_ehak":"0793","title":"X","category":"records","cost":1e300}`, "cost", "api.error.money"},
			{"budget 1e300", "PATCH", fmt.Sprintf("/api/v1/nodes/%d", act.ID), coord, `{"planned_budget":1e300,"version":1}`, "planned_budget", "api.error.money"},
			{"date string in year 0", "POST", "/api/v1/measures", coord, `{"name":"M","start_year":2021,"end_year":2027,"opens_on":"0000-01-01"}`, "opens_on", "error.date"},
			{"invalid UTF-8", "POST", "/api/v1/needs", tartu, "{\"municipality_ehak\":\"0793\",\"title\":\"X\xff\",\"category\":\"records\"}", "title", "api.error.text"},
			{"invalid UTF-8 in an array", "POST", "/api/v1/strategies", coord, `{"title_et":"Kava 2","start_year":2026,"end_year":2030,"statuses":` + statuses + `}`, "statuses[2].colour", "api.error.text"},
		}
		for _, tt := range tests {
			p := s.do(req{method: tt.method, path: tt.path, token: tt.token, body: tt.body, lang: "en"}).problem(t, http.StatusUnprocessableEntity)
			var got []string
			for _, e := range p.Errors {
				got = append(got, e.Field+" "+e.Key)
				if e.Message == "" || strings.HasPrefix(e.Message, "api.") {
					t.Errorf("%s: no message for %s", tt.name, e.Key)
				}
			}
			if diff := cmp.Diff([]string{tt.field + " " + tt.key}, got); diff != "" {
				t.Errorf("%s: errors (-want +got):\n%s", tt.name, diff)
			}
		}
		// A value of the wrong type is a malformed body, with the element named too.
		p := s.do(req{method: "POST", path: "/api/v1/strategies", token: coord, lang: "en",
			body: `{"title_et":"Kava 2","start_year":2026,"end_year":2030,"statuses":[{"key":"a"},{"key":"b","colour":5}]}`}).problem(t, http.StatusBadRequest)
		if got := p.fields(); !cmp.Equal(got, []string{"statuses[1].colour"}) {
			t.Errorf("wrong type in an array: fields %v", got)
		}
		for _, path := range []string{"/api/v1/reports", "/api/v1/needs", "/api/v1/measures"} {
			var list struct{ Total int }
			s.get(path, coord, &list)
			if list.Total != 0 {
				t.Errorf("%s: a refused body saved something: %d", path, list.Total)
			}
		}
		var strategies struct{ Items []plan.Strategy }
		s.get("/api/v1/strategies", coord, &strategies)
		for _, got := range strategies.Items {
			if got.TitleEt == "Kava 2" {
				t.Errorf("a refused body saved strategy %d", got.ID)
			}
		}
	})
}

// TestBodyOverLimit: a body past the limit is answered 413, saying so.
func TestBodyOverLimit(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		big := `{"title":"` + strings.Repeat("a", 2<<20) + `"}`
		for _, r := range []req{
			{method: "POST", path: "/api/v1/rounds", token: coord, body: big, lang: "en"},
			{method: "PATCH", path: "/api/v1/municipalities/0793", token: coord, body: big, lang: "en"},
		} {
			p := s.do(r).problem(t, http.StatusRequestEntityTooLarge)
			if p.Code != "too_large" || p.Title != "The request body is too large." {
				t.Errorf("%s %s: %+v", r.method, r.path, p)
			}
		}
	})
}
