package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/landscape"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestOpenAPILandscapeSchemas: the landscape schemas list exactly their Go types' fields.
func TestOpenAPILandscapeSchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{
		"Solution": landscape.Solution{}, "SolutionVersion": landscape.Version{}, "SolutionDetail": api.SolutionDetail{},
		"SolutionDecision": api.SolutionDecision{}, "LandscapeRow": landscape.Row{}, "Integration": landscape.Integration{},
		"LandscapeChange": landscape.Change{}, "SignOff": landscape.SignOff{}, "SignOffRequest": api.SignOffRequest{},
		"RecordsProfile": landscape.RecordsProfile{}, "RegisterCheck": landscape.RegisterCheck{}, "RecordsReview": api.RecordsReview{},
		"Practice": landscape.Practice{}, "Adoption": landscape.Adoption{},
	})
}

// TestLandscapeAPI: a municipality proposes, a coordinator merges; rows are declared by
// their municipality, read by signed-in users, and their contract reaches only the
// municipality and coordinators.
func TestLandscapeAPI(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		_, elva := s.user(auth.RoleEditor, "0171")
		_, tartu := s.user(auth.RoleEditor, "0793")
		_, reader := s.user(auth.RoleReader, "")

		var list struct {
			Items []landscape.Solution
			Total int
		}
		s.get("/api/v1/solutions?q=amphora", "", &list)
		if list.Total != 1 {
			t.Fatalf("public catalogue: %+v", list)
		}
		amphora := list.Items[0]
		if r := s.do(req{path: "/api/v1/solutions?state=proposed"}); r.status != http.StatusUnprocessableEntity {
			t.Errorf("the public asks for proposals: %d", r.status)
		}

		r := s.do(req{method: "POST", path: "/api/v1/solutions", token: elva, body: `{"name":"Amfora","kind":"commercial","state":"accepted"}`})
		var prop landscape.Solution
		r.decode(t, &prop)
		if r.status != http.StatusCreated || prop.State != landscape.Proposed || prop.ProposedBy != "0171" {
			t.Fatalf("proposal: %d %s", r.status, r.body)
		}
		if r := s.do(req{path: fmt.Sprintf("/api/v1/solutions/%d", prop.ID)}); r.status != http.StatusNotFound {
			t.Errorf("the public reads a proposal: %d", r.status)
		}
		if r := s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/solutions/%d/decision", prop.ID), token: elva,
			body: fmt.Sprintf(`{"decision":"accept","version":%d}`, prop.Version)}); r.status != http.StatusForbidden {
			t.Errorf("an editor decides: %d", r.status)
		}

		body := fmt.Sprintf(`{"municipality_ehak":"0171","solution_id":%d,"status":"production","yearly_cost":1200.5,"contract_type":"rent"}`, prop.ID)
		if r := s.do(req{method: "POST", path: "/api/v1/landscape", token: tartu, body: body}); r.status != http.StatusForbidden {
			t.Errorf("another municipality declares: %d", r.status)
		}
		r = s.do(req{method: "POST", path: "/api/v1/landscape", token: elva, body: body})
		var row landscape.Row
		r.decode(t, &row)
		if r.status != http.StatusCreated || row.YearlyCost == nil {
			t.Fatalf("declare: %d %s", r.status, r.body)
		}
		r = s.do(req{method: "POST", path: fmt.Sprintf("/api/v1/solutions/%d/decision", prop.ID), token: coord,
			body: fmt.Sprintf(`{"decision":"merge","into":%d,"version":%d}`, amphora.ID, prop.Version)})
		if r.status != http.StatusOK {
			t.Fatalf("merge: %d %s", r.status, r.body)
		}

		path := fmt.Sprintf("/api/v1/landscape/%d", row.ID)
		for name, token := range map[string]string{"reader": reader, "Tartu's editor": tartu} {
			r := s.do(req{path: path, token: token})
			if r.status != http.StatusOK || strings.Contains(string(r.body), "1200.5") || strings.Contains(string(r.body), "rent") {
				t.Errorf("%s reads the contract: %d %s", name, r.status, r.body)
			}
			r = s.do(req{path: "/api/v1/landscape?municipality=0171", token: token})
			if r.status != http.StatusOK || strings.Contains(string(r.body), "1200.5") {
				t.Errorf("%s lists the contract: %d %s", name, r.status, r.body)
			}
		}
		for name, token := range map[string]string{"Elva's editor": elva, "coordinator": coord} {
			var got landscape.Row
			s.get(path, token, &got)
			if got.YearlyCost == nil || got.SolutionID != amphora.ID {
				t.Errorf("%s: %+v", name, got)
			}
		}
		if r := s.do(req{path: path}); r.status != http.StatusUnauthorized {
			t.Errorf("the public reads a row: %d", r.status)
		}

		r = s.do(req{method: "PATCH", path: path, token: elva, body: fmt.Sprintf(`{"status":"retiring","version":%d}`, row.Version+1)})
		if r.status != http.StatusOK {
			t.Fatalf("patch: %d %s", r.status, r.body)
		}
		r.decode(t, &row)
		if row.Status != landscape.Retiring || len(row.History) != 2 {
			t.Errorf("history after a status change: %+v", row.History)
		}
		if r := s.do(req{method: "POST", path: "/api/v1/landscape/sign-offs", token: elva, body: `{"municipality_ehak":"0171"}`}); r.status != http.StatusForbidden {
			t.Errorf("an editor who is no lead signs off: %d", r.status)
		}
		if r := s.do(req{method: "POST", path: "/api/v1/landscape/sign-offs", token: coord, body: `{"municipality_ehak":"0171"}`}); r.status != http.StatusCreated {
			t.Errorf("a coordinator signs off: %d %s", r.status, r.body)
		}
	})
}

// TestRecordsProfileAPI: Elva's editor reaches level 3 with its register and DHX, which
// stays self-reported until a coordinator verifies it; another municipality may not save
// it, and a level without its evidence is refused naming the field.
func TestRecordsProfileAPI(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		_, elva := s.user(auth.RoleEditor, "0171")
		_, tartu := s.user(auth.RoleEditor, "0793")
		var p landscape.RecordsProfile
		s.get("/api/v1/records-profiles/0171", "", &p)
		if p.Version != 0 || p.Level != 0 {
			t.Fatalf("before the first save: %+v", p)
		}
		body := `{"dhx":"none","register_url":"https://elva.ee/dokumendiregister","criteria_met":[1,2,3,4],"evidence_url":"https://elva.ee/asjaajamine","version":0}`
		if r := s.do(req{method: "PUT", path: "/api/v1/records-profiles/0171", token: tartu, body: body}); r.status != http.StatusForbidden {
			t.Errorf("another municipality saves: %d", r.status)
		}
		r := s.do(req{method: "PUT", path: "/api/v1/records-profiles/0171", token: elva, body: body})
		if r.status != http.StatusUnprocessableEntity || !strings.Contains(string(r.body), `"dhx"`) {
			t.Errorf("level 3 without DHX: %d %s", r.status, r.body)
		}
		r = s.do(req{method: "PUT", path: "/api/v1/records-profiles/0171", token: elva, body: strings.Replace(body, `"none"`, `"intermediary"`, 1)})
		r.decode(t, &p)
		if r.status != http.StatusOK || p.Level != 3 || p.Verification != "self_reported" {
			t.Fatalf("level 3: %d %s", r.status, r.body)
		}
		if r := s.do(req{method: "POST", path: "/api/v1/records-profiles/0171/review", token: elva, body: `{"verification":"verified","version":1}`}); r.status != http.StatusForbidden {
			t.Errorf("the municipality verifies itself: %d", r.status)
		}
		r = s.do(req{method: "POST", path: "/api/v1/records-profiles/0171/review", token: coord, body: `{"verification":"verified","version":1}`})
		r.decode(t, &p)
		if r.status != http.StatusOK || p.Verification != "verified" {
			t.Errorf("verify: %d %s", r.status, r.body)
		}
		var list struct{ Items []landscape.RecordsProfile }
		s.get("/api/v1/records-profiles", "", &list)
		if len(list.Items) != 1 || list.Items[0].Level != 3 {
			t.Errorf("the public list: %+v", list)
		}
	})
}
