package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/landscape"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestOpenAPIAdvisorySchemas: the advisory schemas list exactly their Go types' fields.
func TestOpenAPIAdvisorySchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{
		"Advisory": landscape.Advisory{}, "AdvisoryQuery": landscape.AdvisoryQuery{}, "AdvisoryRecipient": landscape.Recipient{},
	})
}

// TestAdvisoryAPI: a coordinator sends an advisory about the solution Elva runs; it goes to
// Elva alone, whose editor (not Tartu's) marks it handled; signed-in users read it, the
// public does not, an editor may not send one, and bad queries are refused naming the field.
func TestAdvisoryAPI(t *testing.T) {
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
		s.get("/api/v1/solutions?q=volis", "", &list)
		volis := list.Items[0]
		s.get("/api/v1/solutions?q=amphora", "", &list)
		amphora := list.Items[0]
		body := fmt.Sprintf(`{"municipality_ehak":"0171","solution_id":%d,"status":"production","software_version":"5.2"}`, amphora.ID)
		if r := s.do(req{method: "POST", path: "/api/v1/landscape", token: elva, body: body}); r.status != http.StatusCreated {
			t.Fatalf("declare: %d %s", r.status, r.body)
		}

		send := fmt.Sprintf(`{"query":{"solution_id":%d,"from_version":"5.0"},"title":"Uuendage Amphorat","message":"Enne toe lõppu."}`, amphora.ID)
		if r := s.do(req{method: "POST", path: "/api/v1/advisories", token: elva, body: send}); r.status != http.StatusForbidden {
			t.Errorf("an editor sends: %d", r.status)
		}
		for name, c := range map[string]struct{ body, field string }{
			"nobody runs it": {fmt.Sprintf(`{"query":{"solution_id":%d},"title":"x"}`, volis.ID), `"solution_id"`},
			"a bad day":      {fmt.Sprintf(`{"query":{"solution_id":%d,"support_ends_by":"eile"},"title":"x"}`, amphora.ID), `"support_ends_by"`},
			"no title":       {fmt.Sprintf(`{"query":{"solution_id":%d}}`, amphora.ID), `"title"`},
			"range reversed": {fmt.Sprintf(`{"query":{"solution_id":%d,"from_version":"6","to_version":"5"},"title":"x"}`, amphora.ID), `"to_version"`},
		} {
			r := s.do(req{method: "POST", path: "/api/v1/advisories", token: coord, body: c.body})
			if r.status != http.StatusUnprocessableEntity || !strings.Contains(string(r.body), c.field) {
				t.Errorf("%s: %d %s", name, r.status, r.body)
			}
		}
		var none struct{ Total int }
		s.get("/api/v1/advisories", coord, &none)
		if none.Total != 0 {
			t.Fatalf("a refused advisory was saved: %+v", none)
		}

		r := s.do(req{method: "POST", path: "/api/v1/advisories", token: coord, body: send})
		var adv landscape.Advisory
		r.decode(t, &adv)
		if r.status != http.StatusCreated || len(adv.Recipients) != 1 || adv.Recipients[0].MunicipalityEHAK != "0171" {
			t.Fatalf("send: %d %s", r.status, r.body)
		}
		if loc := r.header.Get("Location"); loc != fmt.Sprintf("/api/v1/advisories/%d", adv.ID) {
			t.Errorf("Location %q", loc)
		}
		path := fmt.Sprintf("/api/v1/advisories/%d", adv.ID)
		for _, p := range []string{path, "/api/v1/advisories"} {
			if r := s.do(req{path: p}); r.status != http.StatusUnauthorized {
				t.Errorf("the public reads %s: %d", p, r.status)
			}
			if r := s.do(req{path: p, token: reader}); r.status != http.StatusOK || !strings.Contains(string(r.body), "Uuendage Amphorat") {
				t.Errorf("a reader reads %s: %d %s", p, r.status, r.body)
			}
		}

		if r := s.do(req{method: "POST", path: path + "/handled/0171", token: tartu}); r.status != http.StatusForbidden {
			t.Errorf("Tartu marks Elva's: %d", r.status)
		}
		if r := s.do(req{method: "POST", path: path + "/handled/0793", token: tartu}); r.status != http.StatusNotFound {
			t.Errorf("Tartu marks an advisory it did not get: %d %s", r.status, r.body)
		}
		r = s.do(req{method: "POST", path: path + "/handled/0171", token: elva})
		r.decode(t, &adv)
		if r.status != http.StatusOK || adv.Handled() != 1 || adv.Recipients[0].HandledAt == nil {
			t.Fatalf("Elva marks it handled: %d %s", r.status, r.body)
		}
		var got landscape.Advisory
		s.get(path, reader, &got)
		if got.Handled() != 1 {
			t.Errorf("after handling: %+v", got.Recipients)
		}
	})
}
