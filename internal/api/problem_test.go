package api_test

import (
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestUnknownPathAndMethod(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		p := s.do(req{path: "/api/v1/nothing-here", lang: "en"}).problem(t, http.StatusNotFound)
		if p.Code != "not_found" || p.Title != "There is no such record." {
			t.Errorf("unknown path: %+v", p)
		}
		r := s.do(req{method: "DELETE", path: "/api/v1/municipalities/0793"})
		r.problem(t, http.StatusMethodNotAllowed)
		if got := r.header.Get("Allow"); got != "GET, PATCH, HEAD" {
			t.Errorf("Allow %q", got)
		}
	})
}

// TestInternalErrorIsHidden breaks the database under the server: the client must get a
// request id and a generic message, the log the real error under the same id.
func TestInternalErrorIsHidden(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		store.Close()
		r := s.do(req{path: "/api/v1/municipalities", lang: "en"})
		p := r.problem(t, http.StatusInternalServerError)
		if p.Code != "internal" || !strings.Contains(p.Title, p.RequestID) || !strings.HasPrefix(p.Title, "Something went wrong") {
			t.Errorf("problem %+v", p)
		}
		if strings.Contains(string(r.body), "sql") || strings.Contains(string(r.body), "closed") {
			t.Errorf("internal text reached the client: %s", r.body)
		}
		logs := s.logs.String()
		if !strings.Contains(logs, "id="+p.RequestID) || !strings.Contains(logs, "closed") {
			t.Errorf("log lacks the id or the error:\n%s", logs)
		}
	})
}

// TestOddInputNeverFails sends what a careless or hostile client might; none of it may be
// answered with a server error, which is also what a recovered panic turns into.
func TestOddInputNeverFails(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, admin := s.user(auth.RoleAdmin, "")
		tests := []req{
			{path: "/api/v1/municipalities?limit=99999999999999999999999"},
			{path: "/api/v1/municipalities?offset=-1&limit=-5&sort=%00&order=%FF"},
			{path: "/api/v1/municipalities?offset=9223372036854775807"},
			{path: "/api/v1/municipalities?q=" + strings.Repeat("%C3%B5", 200)},
			{path: "/api/v1/municipalities?q=%27%3B%20DROP%20TABLE%20municipalities%3B--"},
			{path: "/api/v1/municipalities/%27%20OR%201%3D1--"},
			{path: "/api/v1/municipalities/" + strings.Repeat("9", 5000)},
			{path: "/api/v1/counties/%00"},
			{path: "/api/v1/municipalities/%FF%FE"},
			{path: "/api/v1/municipalities?q=%FF&county=%00"},
			{path: "/api/v1/users?q=%00&municipality=%C3", token: admin},
			{path: "/api/v1/audit-events?entity=%00&entity_id=%FF", token: admin},
			{method: "PATCH", path: "/api/v1/municipalities/0793", token: admin, body: `{"version": 1, "contact": {"name": "Mari\u0000"}}`},
			{method: "POST", path: "/api/v1/users", token: admin, body: `{"email": "a@b.ee", "name": "\u0000", "role": "reader"}`},
			{method: "POST", path: "/api/v1/users", token: admin, body: "{\"email\": \"a@b.ee\", \"name\": \"\xff\xfe\", \"role\": \"reader\"}"},
			{path: "/api/v1/users/-1", token: admin},
			{path: "/api/v1/users/99999999999999999999", token: admin},
			{path: "/api/v1/users?active=1&role=%00&limit=1e3", token: admin},
			{path: "/api/v1/audit-events?since=2026-13-45&until=9999-99-99T99:99:99Z&actor_id=x", token: admin},
			{path: "/api/v1/audit-events?since=2026-11-25T10:00:00%2B99:00", token: admin},
			{method: "PATCH", path: "/api/v1/municipalities/0793", token: admin, body: "null"},
			{method: "PATCH", path: "/api/v1/municipalities/0793", token: admin, body: "[]"},
			{method: "PATCH", path: "/api/v1/municipalities/0793", token: admin, body: `{"contact": null, "version": 1e309}`},
			{method: "PATCH", path: "/api/v1/municipalities/0793", token: admin, body: `{"version": 1, "contact": {"email": "\u0000@x.ee"}}`},
			{method: "PATCH", path: "/api/v1/municipalities/0793", token: admin, body: strings.Repeat("[", 100000)},
			{method: "PATCH", path: "/api/v1/municipalities/0793", token: admin, body: `{"website": "` + strings.Repeat("x", 2<<20) + `"}`},
			{method: "POST", path: "/api/v1/users", token: admin, body: `{"email": "a@b.ee", "name": "A", "role": "reader", "password": "` + strings.Repeat("õ", 100) + `"}`},
			{method: "PATCH", path: "/api/v1/users/1", token: admin, body: `{"municipality_ehak": "` + strings.Repeat("9", 1000) + `", "role": "editor", "version": 1}`},
			{path: "/api/v1/me", token: "kovit_" + strings.Repeat("A", 10000)},
		}
		for _, tt := range tests {
			r := s.do(tt)
			if r.status >= 500 || r.status == http.StatusOK && tt.method != "" {
				t.Errorf("%s %s: %d %.300s", tt.method, tt.path, r.status, r.body)
			}
		}
	})
}
