package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestOpenAPIIndicatorSchemas: each indicator schema lists exactly the JSON fields of its
// Go type.
func TestOpenAPIIndicatorSchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{
		"Indicator": plan.Indicator{}, "Measurement": plan.Measurement{}, "Point": plan.Point{},
		"MatrixSource": plan.MatrixSource{}, "IndicatorDetail": api.IndicatorDetail{},
	})
}

type indicatorList struct {
	Items []api.IndicatorItem `json:"items"`
	Total int                 `json:"total"`
}

func TestIndicators(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		f := newPlanFixture(t, store)
		_, coordinator := s.user(auth.RoleCoordinator, "")
		_, editor := s.user(auth.RoleEditor, "0793")
		post := func(path, token, body string) resp {
			return s.do(req{method: http.MethodPost, path: path, token: token, body: body})
		}

		// Who may create, and what is refused as invalid, naming the field.
		body := fmt.Sprintf(`{"strategy_id":%d,"name_et":"Osakaal","unit":"%%","direction":"higher","targets":[{"value":80,"date":"2030-12-31T00:00:00Z"}]}`, f.seed.ID)
		post("/api/v1/indicators", "", body).problem(t, http.StatusUnauthorized)
		post("/api/v1/indicators", editor, body).problem(t, http.StatusForbidden)
		for bad, field := range map[string]string{
			`{"name_et":"X","direction":"higher"}`:                                                                      "strategy_id",
			fmt.Sprintf(`{"strategy_id":%d,"name_et":"X","direction":"up"}`, f.seed.ID):                                 "direction",
			fmt.Sprintf(`{"strategy_id":%d,"name_et":"X","direction":"higher","node_id":%d}`, f.seed.ID, f.activity.ID): "node_id",
		} {
			if got := post("/api/v1/indicators", coordinator, bad).problem(t, http.StatusUnprocessableEntity).fields(); !cmp.Equal(got, []string{field}) {
				t.Errorf("%s: fields %v, want %s", bad, got, field)
			}
		}
		r := post("/api/v1/indicators", coordinator, body)
		if r.status != http.StatusCreated {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		var ind plan.Indicator
		r.decode(t, &ind)
		path := fmt.Sprintf("/api/v1/indicators/%d", ind.ID)
		if r.header.Get("Location") != path || ind.Version != 1 || ind.StrategyID != f.seed.ID {
			t.Errorf("created %+v at %s", ind, r.header.Get("Location"))
		}

		// Values: national ones only, with the decimal as JSON has it.
		if got := post(path+"/values", coordinator, `{"value":1,"date":"2026-06-30T00:00:00Z","municipality_ehak":"0793"}`).
			problem(t, http.StatusUnprocessableEntity).fields(); !cmp.Equal(got, []string{"municipality_ehak"}) {
			t.Errorf("municipality value on a national indicator: %v", got)
		}
		post(path+"/values", editor, `{"value":1,"date":"2026-06-30T00:00:00Z"}`).problem(t, http.StatusForbidden)
		for _, v := range []string{`{"value":42.5,"date":"2026-06-30T00:00:00Z","source":"Küsitlus"}`, `{"value":40,"date":"2025-06-30T00:00:00Z"}`} {
			if r := post(path+"/values", coordinator, v); r.status != http.StatusCreated {
				t.Fatalf("value %s: %d %s", v, r.status, r.body)
			}
		}
		var detail api.IndicatorDetail
		s.get(path, "", &detail)
		if len(detail.Measurements) != 2 || len(detail.Series) != 2 || detail.Series[1].Value != 42.5 || detail.Indicator.NameEt != "Osakaal" {
			t.Errorf("detail %+v", detail)
		}
		var all indicatorList
		s.get(fmt.Sprintf("/api/v1/indicators?strategy=%d", f.seed.ID), "", &all)
		if all.Total != 1 || all.Items[0].ID != ind.ID || all.Items[0].Latest == nil || all.Items[0].Latest.Value != 42.5 {
			t.Errorf("list %+v", all)
		}

		// PATCH changes what it names, and only on the version last read.
		patch := func(body string) resp {
			return s.do(req{method: http.MethodPatch, path: path, token: coordinator, body: body})
		}
		if got := patch(`{"unit":"protsent"}`).problem(t, http.StatusUnprocessableEntity).fields(); !cmp.Equal(got, []string{"version"}) {
			t.Errorf("patch without version: %v", got)
		}
		r = patch(`{"unit":"protsent","version":1}`)
		var updated plan.Indicator
		r.decode(t, &updated)
		if r.status != http.StatusOK || updated.Unit != "protsent" || updated.NameEt != "Osakaal" || len(updated.Targets) != 1 || updated.Version != 2 {
			t.Errorf("patch: %d %+v", r.status, updated)
		}
		patch(`{"unit":"x","version":1}`).problem(t, http.StatusConflict)
		if got := patch(fmt.Sprintf(`{"strategy_id":%d,"version":2}`, f.draft.ID)).problem(t, http.StatusUnprocessableEntity).fields(); !cmp.Equal(got, []string{"strategy_id"}) {
			t.Errorf("moving to another strategy: %v", got)
		}

		// A draft's indicators are for signed-in users only; a matrix one takes no values.
		r = post("/api/v1/indicators", coordinator, fmt.Sprintf(`{"strategy_id":%d,"node_id":%d,"name_et":"E-teenused","direction":"higher","from_matrix":{"service_code":"SOC-001","level":3}}`, f.draft.ID, f.goal.ID))
		var draftInd plan.Indicator
		r.decode(t, &draftInd)
		if r.status != http.StatusCreated || draftInd.FromMatrix == nil {
			t.Fatalf("draft indicator: %d %s", r.status, r.body)
		}
		draftPath := fmt.Sprintf("/api/v1/indicators/%d", draftInd.ID)
		s.do(req{path: draftPath}).problem(t, http.StatusNotFound)
		s.do(req{path: fmt.Sprintf("/api/v1/indicators?strategy=%d", f.draft.ID)}).problem(t, http.StatusNotFound)
		s.get(draftPath, coordinator, &detail)
		var public, signedIn indicatorList
		s.get("/api/v1/indicators", "", &public)
		s.get("/api/v1/indicators", coordinator, &signedIn)
		if public.Total != 1 || signedIn.Total != 2 {
			t.Errorf("lists: public %d, signed in %d", public.Total, signedIn.Total)
		}
		if got := post(draftPath+"/values", coordinator, `{"value":1,"date":"2026-06-30T00:00:00Z"}`).
			problem(t, http.StatusUnprocessableEntity).fields(); !cmp.Equal(got, []string{"value"}) {
			t.Errorf("hand-entered value of a matrix indicator: %v", got)
		}
		s.do(req{method: http.MethodPatch, path: "/api/v1/indicators/999999", token: editor, body: `{"version":1}`}).problem(t, http.StatusForbidden)
		s.do(req{method: http.MethodPatch, path: "/api/v1/indicators/999999", token: coordinator, body: `{"version":1}`}).problem(t, http.StatusNotFound)
	})
}
