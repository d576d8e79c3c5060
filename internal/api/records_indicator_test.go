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

// An indicator may follow the records scale: it names the scale and a level of it (0–5 as
// seeded) and no service; anything else is refused with the field named.
func TestIndicatorRecordsSource(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		f := newPlanFixture(t, store)
		_, coordinator := s.user(auth.RoleCoordinator, "")
		create := func(source string) resp {
			return s.do(req{method: http.MethodPost, path: "/api/v1/indicators", token: coordinator, body: fmt.Sprintf(
				`{"strategy_id":%d,"name_et":"Asjaajamine","direction":"higher","from_matrix":%s}`, f.draft.ID, source)})
		}
		for source, want := range map[string][]string{
			`{"scale":"records","level":6}`:                          {"from_matrix.level"},
			`{"scale":"records","service_code":"SOC-001","level":3}`: {"from_matrix.service_code"},
			`{"scale":"security","level":3}`:                         {"from_matrix.scale"},
		} {
			if got := create(source).problem(t, http.StatusUnprocessableEntity).fields(); !cmp.Equal(got, want) {
				t.Errorf("%s: fields %v, want %v", source, got, want)
			}
		}
		var ok plan.Indicator
		r := create(`{"scale":"records","level":3}`)
		if r.decode(t, &ok); r.status != http.StatusCreated || ok.FromMatrix == nil || !ok.FromMatrix.Records() || ok.FromMatrix.Level != 3 {
			t.Fatalf("records level 3: %d %s", r.status, r.body)
		}
	})
}
