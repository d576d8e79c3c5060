package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// An archived strategy (the seeded 2012–2015 plan) takes no new activity through the API,
// says why in both languages, and is reopened only by a coordinator's change of status.
func TestArchivedStrategyAPI(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		_, tartu := s.user(auth.RoleEditor, "0793")
		var seeds strategyList
		s.get("/api/v1/strategies", "", &seeds)
		var seed plan.Strategy
		for _, st := range seeds.Items {
			if st.Code == "IYAK2015" {
				seed = st
			}
		}
		if seed.Status != plan.Archived {
			t.Fatalf("seed %+v", seed)
		}
		base := fmt.Sprintf("/api/v1/strategies/%d", seed.ID)
		activity := `{"kind":"goal","code":"9","title_et":"Uus eesmärk"}`
		for lang, want := range map[string]string{"et": "arhiveeritud", "en": "archived"} {
			p := s.do(req{method: http.MethodPost, path: base + "/nodes", token: coord, body: activity, lang: lang}).problem(t, http.StatusConflict)
			if !strings.Contains(p.Title, want) {
				t.Errorf("%s: %+v, want the strategy's status named", lang, p)
			}
		}
		p := s.do(req{method: http.MethodPatch, path: base, token: coord, body: fmt.Sprintf(`{"title_et":"Muudetud","version":%d}`, seed.Version)})
		p.problem(t, http.StatusConflict)

		// Its own municipality's editors may not reopen an archived plan either.
		var own plan.Strategy
		orgs, err := store.ListOrganisations(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var tartuOrg int64
		for _, o := range orgs {
			if o.MunicipalityEHAK == "0793" {
				tartuOrg = o.ID
			}
		}
		s.send(http.MethodPost, "/api/v1/strategies", tartu, fmt.Sprintf(`{"title_et":"Tartu IT-plaan","start_year":2020,"end_year":2023,
			"status":"archived","owner_id":%d}`, tartuOrg), http.StatusCreated, &own)
		reopen := fmt.Sprintf(`{"status":"adopted","version":%d}`, own.Version)
		s.do(req{method: http.MethodPatch, path: fmt.Sprintf("/api/v1/strategies/%d", own.ID), token: tartu, body: reopen}).problem(t, http.StatusForbidden)
		s.send(http.MethodPatch, fmt.Sprintf("/api/v1/strategies/%d", own.ID), coord, reopen, http.StatusOK, &own)

		var reopened plan.Strategy
		s.send(http.MethodPatch, base, coord, fmt.Sprintf(`{"status":"adopted","version":%d}`, seed.Version), http.StatusOK, &reopened)
		var created plan.Node
		s.send(http.MethodPost, base+"/nodes", coord, activity, http.StatusCreated, &created)
	})
}
