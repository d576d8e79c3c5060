package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// An indicator that follows the e-service matrix must name a service of the catalogue and
// a level of the maturity scale (0–5 as shipped), or it could never be measured; one that
// follows the records scale names a level of that scale and no service.
func TestIndicatorMatrixSource(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		f := newPlanFixture(t, store)
		_, coordinator := s.user(auth.RoleCoordinator, "")
		create := func(source string) resp {
			return s.do(req{method: http.MethodPost, path: "/api/v1/indicators", token: coordinator, body: fmt.Sprintf(
				`{"strategy_id":%d,"name_et":"E-teenus","direction":"higher","from_matrix":%s}`, f.draft.ID, source)})
		}
		for source, want := range map[string][]string{
			`{"service_code":"XXX-999","level":3}`:  {"from_matrix.service_code"},
			`{"service_code":"SOC-001","level":10}`: {"from_matrix.level"},
			`{"service_code":"SOC-001","level":6}`:  {"from_matrix.level"},
			`{"service_code":"SOC-001","level":-1}`: {"from_matrix.level"},
			`{"service_code":"","level":3}`:         {"from_matrix.service_code"},
			`{"service_code":"NOPE","level":99}`:    {"from_matrix.service_code", "from_matrix.level"},
			// On the records scale: a level it has (0–5 as seeded), and no service.
			`{"scale":"records","level":6}`:                          {"from_matrix.level"},
			`{"scale":"records","service_code":"SOC-001","level":3}`: {"from_matrix.service_code"},
			`{"scale":"security","level":3}`:                         {"from_matrix.scale"},
		} {
			if got := create(source).problem(t, http.StatusUnprocessableEntity).fields(); !cmp.Equal(got, want) {
				t.Errorf("%s: fields %v, want %v", source, got, want)
			}
		}
		var list indicatorList
		s.get(fmt.Sprintf("/api/v1/indicators?strategy=%d", f.draft.ID), coordinator, &list)
		if list.Total != 0 {
			t.Fatalf("a refused indicator was stored: %+v", list.Items)
		}
		var ok plan.Indicator
		r := create(`{"service_code":"SOC-001","level":5}`)
		if r.decode(t, &ok); r.status != http.StatusCreated {
			t.Fatalf("level 5: %d %s", r.status, r.body)
		}
		var records plan.Indicator
		rr := create(`{"scale":"records","level":3}`)
		if rr.decode(t, &records); rr.status != http.StatusCreated || records.FromMatrix == nil || !records.FromMatrix.Records() || records.FromMatrix.Level != 3 {
			t.Fatalf("records level 3: %d %s", rr.status, rr.body)
		}
		patch := s.do(req{method: http.MethodPatch, path: fmt.Sprintf("/api/v1/indicators/%d", ok.ID), token: coordinator,
			body: fmt.Sprintf(`{"from_matrix":{"service_code":"SOC-001","level":10},"version":%d}`, ok.Version)})
		if got := patch.problem(t, http.StatusUnprocessableEntity).fields(); !cmp.Equal(got, []string{"from_matrix.level"}) {
			t.Errorf("patch to level 10: %v", got)
		}
	})
}
