package api_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// criterionIDs returns the ids of the criteria of levels 1…level, as a JSON array.
func criterionIDs(t *testing.T, store *sqlstore.Store, level int) string {
	scale, err := store.Scale(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, l := range scale {
		for _, c := range l.Criteria {
			if l.Number <= level {
				ids = append(ids, c.ID)
			}
		}
	}
	s := "["
	for i, id := range ids {
		if i > 0 {
			s += ","
		}
		s += fmt.Sprint(id)
	}
	return s + "]"
}

func TestMatrixCells(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coordinator := s.user(auth.RoleCoordinator, "")
		_, tartu := s.user(auth.RoleEditor, "0793")
		_, reader := s.user(auth.RoleReader, "")
		level3 := fmt.Sprintf(`{"offering": "offered", "criteria_met": %s, "url": "https://tartu.ee/toetus", "evidence_url": "https://tartu.ee/toetus", "evidence_checked_on": "2026-11-20T00:00:00Z", "version": %%d}`, criterionIDs(t, store, 3))
		cell := "/api/v1/matrix/0793/SOC-001"
		tests := []struct {
			name, method, path, token, body string
			status                          int
			fields                          []string
		}{
			{"anonymous save", "PUT", cell, "", fmt.Sprintf(level3, 0), http.StatusUnauthorized, nil},
			{"reader save", "PUT", cell, reader, fmt.Sprintf(level3, 0), http.StatusForbidden, nil},
			{"another municipality's editor", "PUT", "/api/v1/matrix/0784/SOC-001", tartu, fmt.Sprintf(level3, 0), http.StatusForbidden, nil},
			{"invalid", "PUT", cell, tartu, `{"offering": "maybe", "criteria_met": [-5], "url": "tartu.ee", "version": 0}`, http.StatusUnprocessableEntity, []string{"offering", "criteria_met", "url"}},
			{"unknown service", "PUT", "/api/v1/matrix/0793/NOPE-1", tartu, fmt.Sprintf(level3, 0), http.StatusNotFound, nil},
			{"own editor", "PUT", cell, tartu, fmt.Sprintf(level3, 0), http.StatusOK, nil},
			{"stale", "PUT", cell, coordinator, fmt.Sprintf(level3, 0), http.StatusConflict, nil},
			{"editor reviews", "POST", cell + "/review", tartu, `{"verification": "verified", "version": 1}`, http.StatusForbidden, nil},
			{"returned without reason", "POST", cell + "/review", coordinator, `{"verification": "returned", "version": 1}`, http.StatusUnprocessableEntity, []string{"reason"}},
			{"review an empty cell", "POST", "/api/v1/matrix/0784/SOC-001/review", coordinator, `{"verification": "verified", "version": 1}`, http.StatusNotFound, nil},
			{"verify", "POST", cell + "/review", coordinator, `{"verification": "verified", "version": 1}`, http.StatusOK, nil},
			{"stale review", "POST", cell + "/review", coordinator, `{"verification": "verified", "version": 1}`, http.StatusConflict, nil},
			{"coordinator saves any", "PUT", "/api/v1/matrix/0784/SOC-001", coordinator, `{"offering": "not_applicable", "version": 0}`, http.StatusOK, nil},
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

		var d api.CellDetail
		s.get(cell, "", &d)
		if d.Cell.Level != 3 || d.Cell.Verification != eservice.Verified || d.Cell.Version != 2 || d.Cell.EvidenceCheckedOn == nil {
			t.Errorf("cell %+v", d.Cell)
		}
		var codes []string
		for _, c := range d.Bottleneck {
			codes = append(codes, c.Code)
		}
		if diff := cmp.Diff([]string{"4.1", "4.2"}, codes); diff != "" {
			t.Errorf("bottleneck (-want +got)\n%s", diff)
		}
		d = api.CellDetail{}
		s.get("/api/v1/matrix/0899/SOC-001", "", &d)
		if d.Cell.Version != 0 || !d.Cell.UpdatedAt.IsZero() || d.Cell.Offering != eservice.Unknown || len(d.Bottleneck) != 1 || d.Bottleneck[0].Code != "1.1" {
			t.Errorf("empty cell %+v", d)
		}
		s.do(req{path: "/api/v1/matrix/0001/SOC-001"}).problem(t, http.StatusNotFound)

		// Tartu linn (0793) is online for SOC-001; 0784 (Tallinn) has it not applicable.
		var m api.Matrix
		s.get("/api/v1/matrix", "", &m)
		if m.Total != 79*77 || len(m.Items) != m.Total || len(m.Services) != 77 || len(m.Municipalities) != 79 {
			t.Fatalf("whole matrix: %d cells, %d services, %d municipalities", m.Total, len(m.Services), len(m.Municipalities))
		}
		s.get("/api/v1/matrix?service=SOC-001", "", &m)
		st := m.Services[0]
		if m.Total != 79 || st.Code != "SOC-001" || st.Applicable != 78 || st.Online != 1 || st.PopulationOnline == 0 || st.PopulationShare <= 0 || st.PopulationShare >= 1 {
			t.Errorf("service stats %+v", st)
		}
		s.get("/api/v1/matrix?municipality=0793&area=Sotsiaalhoolekanne", "", &m)
		if m.Municipalities[0].EHAK != "0793" || m.Municipalities[0].Online != 1 || len(m.Services) != m.Total || m.Total == 0 {
			t.Errorf("one municipality's row: %d cells %+v", m.Total, m.Municipalities)
		}
		for _, c := range m.Items {
			if c.MunicipalityEHAK != "0793" || c.ServiceCode == "SOC-001" && c.Level != 3 {
				t.Errorf("cell %+v", c)
			}
		}
		s.get("/api/v1/matrix?county=0079&type=linn", "", &m)
		if len(m.Municipalities) != 1 || m.Municipalities[0].EHAK != "0793" {
			t.Errorf("Tartu county's cities: %+v", m.Municipalities)
		}
		p := s.do(req{path: "/api/v1/matrix?type=village&services=x"}).problem(t, http.StatusUnprocessableEntity)
		if diff := cmp.Diff([]string{"services", "type"}, p.fields()); diff != "" {
			t.Errorf("bad filters (-want +got)\n%s", diff)
		}
	})
}
