package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// send makes a request with a JSON body and decodes a successful answer into v.
func (s *testServer) send(method, path, token, body string, status int, v any) {
	s.t.Helper()
	r := s.do(req{method: method, path: path, token: token, body: body})
	if r.status != status {
		s.t.Fatalf("%s %s: %d, want %d: %s", method, path, r.status, status, r.body)
	}
	if v != nil {
		r.decode(s.t, v)
	}
}

// A coordinator builds a plan through the API and a municipality's editor reports its part.
func TestPlanWriteJourney(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		_, tartu := s.user(auth.RoleEditor, "0793")
		_, tallinn := s.user(auth.RoleEditor, "0784")

		var st plan.Strategy
		s.send("POST", "/api/v1/strategies", coord, `{"title_et":"KOV IKT tegevuskava 2026–2030","start_year":2026,"end_year":2030,"status":"draft"}`, http.StatusCreated, &st)
		if st.Levels.Goal.Et != "eesmärk" || len(st.Statuses) != 5 || st.StaleAfterDays != plan.DefaultStaleAfterDays {
			t.Errorf("defaults not applied: %+v", st)
		}
		base := fmt.Sprintf("/api/v1/strategies/%d", st.ID)
		var dir, act plan.Node
		s.send("POST", base+"/nodes", coord, `{"kind":"direction","code":"1","title_et":"E-teenused"}`, http.StatusCreated, &dir)
		s.send("POST", base+"/nodes", coord, fmt.Sprintf(`{"kind":"activity","code":"1.1","title_et":"Ühine e-teenus","parent_id":%d}`, dir.ID), http.StatusCreated, &act)
		if act.Weight != 1 || act.Status != plan.NotStarted {
			t.Errorf("new activity %+v", act)
		}
		nodePath := fmt.Sprintf("/api/v1/nodes/%d", act.ID)
		s.send("PATCH", nodePath, coord, `{"completion":30,"status":"in_progress","internal_note":"Rahastus otsustamata","version":1}`, http.StatusOK, &act)
		if act.Completion != 30 || act.Version != 2 || act.TitleEt != "Ühine e-teenus" {
			t.Errorf("patched activity %+v", act)
		}

		parts := fmt.Sprintf("/api/v1/activities/%d/participants/", act.ID)
		// Adding a municipality is the strategy's editors' call, not the municipality's.
		s.do(req{method: "PUT", path: parts + "0793", token: tartu, body: `{}`}).problem(t, http.StatusForbidden)
		var part plan.Participant
		s.send("PUT", parts+"0793", coord, `{}`, http.StatusCreated, &part)
		s.send("PUT", parts+"0784", coord, `{}`, http.StatusCreated, nil)
		s.send("PUT", parts+"0793", tartu, `{"status":"done","version":1}`, http.StatusOK, &part)
		if part.Completion != 100 || part.Version != 2 {
			t.Errorf("reported part %+v", part)
		}
		s.do(req{method: "PUT", path: parts + "0793", token: tallinn, body: `{"status":"not_started","version":2}`}).problem(t, http.StatusForbidden)
		s.do(req{method: "PUT", path: parts + "0793", token: tartu, body: `{"status":"in_progress","version":1}`}).problem(t, http.StatusConflict)

		var task plan.Task
		s.send("POST", fmt.Sprintf("/api/v1/activities/%d/tasks", act.ID), coord, `{"title_et":"Hange"}`, http.StatusCreated, &task)
		s.send("PATCH", fmt.Sprintf("/api/v1/tasks/%d", task.ID), coord, `{"state":"done","version":1}`, http.StatusOK, &task)
		if task.CompletedAt == nil || task.CompletedBy == "" || task.TitleEt != "Hange" {
			t.Errorf("done task %+v", task)
		}

		var detail struct {
			Progress *float64 `json:"progress"`
		}
		s.get(fmt.Sprintf("/api/v1/activities/%d", act.ID), coord, &detail)
		if detail.Progress == nil || *detail.Progress != 0.5 {
			t.Errorf("roll-up over two parts, one done: %v", detail.Progress)
		}
		s.send("PATCH", base, coord, `{"status":"adopted","version":1}`, http.StatusOK, &st)
		if st.Status != plan.Adopted || st.TitleEt != "KOV IKT tegevuskava 2026–2030" {
			t.Errorf("adopted %+v", st)
		}
	})
}

func TestPlanWriteRefusals(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		f := newPlanFixture(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		_, tartu := s.user(auth.RoleEditor, "0793")
		ctx := context.Background()
		orgs, err := store.ListOrganisations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var tartuOrg, tallinnOrg int64
		for _, o := range orgs {
			switch o.MunicipalityEHAK {
			case "0793":
				tartuOrg = o.ID
			case "0784":
				tallinnOrg = o.ID
			}
		}
		// A municipality's editors keep their own plan, and only theirs.
		var own plan.Strategy
		s.send("POST", "/api/v1/strategies", tartu, fmt.Sprintf(`{"title_et":"Tartu IT arengukava","start_year":2026,"end_year":2028,"status":"draft","owner_id":%d}`, tartuOrg), http.StatusCreated, &own)
		s.do(req{method: "POST", path: "/api/v1/strategies", token: tartu, body: fmt.Sprintf(`{"title_et":"X","start_year":2026,"end_year":2028,"status":"draft","owner_id":%d}`, tallinnOrg)}).problem(t, http.StatusForbidden)
		s.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/strategies/%d", own.ID), token: tartu, body: fmt.Sprintf(`{"owner_id":%d,"version":1}`, tallinnOrg)}).problem(t, http.StatusForbidden)

		activity := fmt.Sprintf("/api/v1/nodes/%d", f.activity.ID)
		for _, c := range []struct {
			method, path, body string
			status             int
			field              string
		}{
			{"POST", "/api/v1/strategies", `{"title_et":"X","start_year":2026,"end_year":2028,"status":"draft","owner_id":999999}`, 422, "owner_id"},
			{"POST", "/api/v1/strategies", `{"title_et":"X","start_year":2026,"end_year":2028,"status":"draft","code":"IKT2099"}`, 422, "code"},
			{"POST", "/api/v1/strategies", `{"title_et":"","start_year":1900,"end_year":2028,"status":"valmis"}`, 422, "title_et"},
			{"PATCH", activity, `{"completion":50}`, 422, "version"},
			{"PATCH", activity, `{"kind":"goal","version":1}`, 422, "kind"},
			{"PATCH", activity, `{"parent_id":null,"version":1}`, 422, "parent_id"},
			{"PATCH", activity, `{"completion":500,"version":1}`, 422, "completion"},
			{"PATCH", activity, `{"completion":50,"version":7}`, 409, ""},
			{"PATCH", activity, `{"colour":"red","version":1}`, 400, ""},
			{"POST", fmt.Sprintf("/api/v1/strategies/%d/nodes", f.seed.ID), `{"kind":"activity","code":"9.1","title_et":"Sama kood"}`, 422, "code"},
			{"POST", fmt.Sprintf("/api/v1/activities/%d/tasks", f.activity.ID), `{"title_et":"","state":"valmis"}`, 422, "title_et"},
			{"PUT", fmt.Sprintf("/api/v1/activities/%d/participants/0784", f.activity.ID), `{"completion":-1,"version":1}`, 422, "completion"},
			{"PUT", fmt.Sprintf("/api/v1/activities/%d/participants/9999", f.activity.ID), `{}`, 422, ""},
		} {
			before, _ := store.StrategyTree(ctx, f.seed.ID)
			p := s.do(req{method: c.method, path: c.path, token: coord, body: c.body}).problem(t, c.status)
			if c.field != "" && (len(p.Errors) == 0 || p.Errors[0].Field != c.field) {
				t.Errorf("%s %s %s: %+v, want a problem with %s", c.method, c.path, c.body, p.Errors, c.field)
			}
			if after, _ := store.StrategyTree(ctx, f.seed.ID); len(after.Nodes) != len(before.Nodes) || len(after.Participants) != len(before.Participants) || after.Nodes[len(after.Nodes)-1].Version != before.Nodes[len(before.Nodes)-1].Version {
				t.Errorf("%s %s changed the plan", c.method, c.path)
			}
		}
	})
}
