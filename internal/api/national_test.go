package api_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The national records' PATCH routes share one rule: a change is saved and its version
// moves on; a body that changes a fixed field or names no version is refused with the
// field named and saves nothing, and a stale version is a conflict.
func TestNationalPatches(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		post := func(path, body string) int64 {
			t.Helper()
			r := s.do(req{method: "POST", path: path, token: coord, body: body})
			var out struct{ ID int64 }
			r.decode(t, &out)
			if r.status != 201 || out.ID == 0 {
				t.Fatalf("POST %s: %d %s", path, r.status, r.body)
			}
			return out.ID
		}
		con := post("/api/v1/consolidated-needs", `{"title":"Ühine dokumendihaldus","category":"records","need_ids":[]}`)
		cases := []struct {
			path, change, field, fixed string
			want                       any
		}{
			{fmt.Sprintf("/api/v1/measures/%d", post("/api/v1/measures", `{"name":"Digipööre","start_year":2021,"end_year":2027,"budget":100000,"max_grant":5000,"co_financing":15}`)),
				`"name":"Digipööre 2"`, "name", `"id":999`, "Digipööre 2"},
			{fmt.Sprintf("/api/v1/rounds/%d", post("/api/v1/rounds", `{"title":"IKT vajadused 2027","deadline":"2027-03-01","open":true}`)),
				`"title":"IKT vajadused 2028"`, "title", `"id":999`, "IKT vajadused 2028"},
			{fmt.Sprintf("/api/v1/consolidated-needs/%d", con),
				`"strategy_fit":3`, "strategy_fit", `"measure_id":1`, 3.0},
			{fmt.Sprintf("/api/v1/projects/%d", post("/api/v1/projects", fmt.Sprintf(`{"consolidated_id":%d,"name":"Hange"}`, con))),
				`"name":"Hange 2026"`, "name", fmt.Sprintf(`"consolidated_id":%d`, con+1), "Hange 2026"},
		}
		for _, c := range cases {
			t.Run(c.path, func(t *testing.T) {
				fixedField, _, _ := strings.Cut(strings.Trim(c.fixed, `"`), `"`)
				if p := s.do(req{method: "PATCH", path: c.path, token: coord, body: "{" + c.change + "," + c.fixed + `,"version":1}`}).problem(t, 422); !slices.Equal(p.fields(), []string{fixedField}) {
					t.Errorf("fixed field: problems %v", p.fields())
				}
				if p := s.do(req{method: "PATCH", path: c.path, token: coord, body: "{" + c.change + `,"version":0}`}).problem(t, 422); !slices.Equal(p.fields(), []string{"version"}) {
					t.Errorf("no version: problems %v", p.fields())
				}
				// Version 1 still stands, so neither refusal saved anything.
				r := s.do(req{method: "PATCH", path: c.path, token: coord, body: "{" + c.change + `,"version":1}`})
				var got map[string]any
				if err := json.Unmarshal(r.body, &got); err != nil || r.status != 200 {
					t.Fatalf("PATCH: %d %s", r.status, r.body)
				}
				if got[c.field] != c.want || got["version"] != 2.0 {
					t.Errorf("after PATCH: %s = %v, version %v", c.field, got[c.field], got["version"])
				}
				s.do(req{method: "PATCH", path: c.path, token: coord, body: "{" + c.change + `,"version":1}`}).problem(t, 409)
			})
		}
	})
}
