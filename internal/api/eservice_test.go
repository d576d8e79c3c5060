package api_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestOpenAPIEServiceSchemas: each e-service schema lists exactly the JSON fields of its
// Go type.
func TestOpenAPIEServiceSchemas(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	types := map[string]any{
		"Service": eservice.Service{}, "ServiceStats": eservice.ServiceStats{}, "MunicipalityStats": eservice.MunicipalityStats{},
		"ServiceDetail": api.ServiceDetail{}, "Criterion": eservice.Criterion{}, "Level": eservice.Level{},
		"Cell": eservice.Cell{}, "CellInput": eservice.CellInput{}, "Review": eservice.Review{}, "CellDetail": api.CellDetail{},
		"Matrix": api.Matrix{}, "MatrixCell": api.MatrixCell{}, "MonthShare": eservice.MonthShare{}, "LevelSeries": eservice.LevelSeries{},
		"ServiceAdoption": api.ServiceAdoption{}, "PeerGroup": api.PeerGroup{}, "MunicipalityServices": api.MunicipalityServices{},
		"Forecast": eservice.Forecast{}, "ServiceForecast": api.ServiceForecast{},
	}
	checkSchemas(t, doc, types)
}

func TestServiceCatalogue(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coordinator := s.user(auth.RoleCoordinator, "")
		_, editor := s.user(auth.RoleEditor, "0793")

		var services struct {
			Items []eservice.Service
			Total int
		}
		s.get("/api/v1/services", "", &services)
		if services.Total != 77 || len(services.Items) != 77 {
			t.Fatalf("services: %d", services.Total)
		}
		s.get("/api/v1/services?area=Sotsiaalhoolekanne&life_event=Lapse+s%C3%BCnd", "", &services)
		if services.Total != 1 || services.Items[0].Code != "SOC-001" {
			t.Errorf("filtered: %+v", services)
		}
		p := s.do(req{path: "/api/v1/services?include_retired=maybe&areaa=x"}).problem(t, http.StatusUnprocessableEntity)
		if diff := cmp.Diff([]string{"include_retired", "areaa"}, p.fields()); diff != "" {
			t.Errorf("bad parameters (-want +got)\n%s", diff)
		}

		created := `{"code": "GOV-900", "name_et": "Uus teenus", "area": "Valitsemine", "channels": ["web"]}`
		tests := []struct {
			name, method, path, token, body string
			status                          int
			fields                          []string
		}{
			{"anonymous create", "POST", "/api/v1/services", "", created, http.StatusUnauthorized, nil},
			{"editor create", "POST", "/api/v1/services", editor, created, http.StatusForbidden, nil},
			{"invalid create", "POST", "/api/v1/services", coordinator, `{"code": "bad code", "name_et": "", "area": ""}`, http.StatusUnprocessableEntity, []string{"code", "name_et", "area"}},
			{"unknown field", "POST", "/api/v1/services", coordinator, `{"code": "GOV-901", "nme_et": "x"}`, http.StatusBadRequest, []string{"nme_et"}},
			{"create", "POST", "/api/v1/services", coordinator, created, http.StatusCreated, nil},
			{"duplicate", "POST", "/api/v1/services", coordinator, created, http.StatusUnprocessableEntity, []string{"code"}},
			{"editor patch", "PATCH", "/api/v1/services/GOV-900", editor, `{"retired": true, "version": 1}`, http.StatusForbidden, nil},
			{"patch without version", "PATCH", "/api/v1/services/GOV-900", coordinator, `{"retired": true}`, http.StatusUnprocessableEntity, []string{"version"}},
			{"patch the code", "PATCH", "/api/v1/services/GOV-900", coordinator, `{"code": "GOV-901", "version": 1}`, http.StatusUnprocessableEntity, []string{"code"}},
			{"patch unknown", "PATCH", "/api/v1/services/NOPE-1", coordinator, `{"version": 1}`, http.StatusNotFound, nil},
			{"retire", "PATCH", "/api/v1/services/GOV-900", coordinator, `{"retired": true, "version": 1}`, http.StatusOK, nil},
			{"stale patch", "PATCH", "/api/v1/services/GOV-900", coordinator, `{"name_en": "New", "version": 1}`, http.StatusConflict, nil},
		}
		for _, tt := range tests {
			r := s.do(req{method: tt.method, path: tt.path, token: tt.token, body: tt.body})
			if tt.status >= 400 {
				if diff := cmp.Diff(tt.fields, r.problem(t, tt.status).fields()); diff != "" {
					t.Errorf("%s: fields (-want +got)\n%s", tt.name, diff)
				}
				continue
			}
			if r.status != tt.status {
				t.Errorf("%s: %d %s", tt.name, r.status, r.body)
			}
		}
		var retired eservice.Service
		s.get("/api/v1/services/GOV-900", "", &struct{ Service *eservice.Service }{&retired})
		if !retired.Retired || retired.Version != 2 || retired.NameEt != "Uus teenus" || len(retired.Channels) != 1 {
			t.Errorf("after retiring: %+v", retired)
		}
		s.get("/api/v1/services", "", &services)
		all := services.Total
		s.get("/api/v1/services?include_retired=true", "", &services)
		if all != 77 || services.Total != 78 {
			t.Errorf("retired listed: %d without, %d with", all, services.Total)
		}
		s.do(req{path: "/api/v1/services/NOPE-1"}).problem(t, http.StatusNotFound)

		var scale struct {
			Items []eservice.Level
			Total int
		}
		s.get("/api/v1/maturity-scale", "", &scale)
		if scale.Total != 6 || scale.Items[3].Number != 3 || len(scale.Items[3].Criteria) != 2 || scale.Items[3].Criteria[0].Code != "3.1" {
			t.Errorf("scale %+v", scale)
		}
	})
}
