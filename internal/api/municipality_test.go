package api_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

type municipalityPage struct {
	Items  []municipality.Municipality `json:"items"`
	Total  int                         `json:"total"`
	Limit  int                         `json:"limit"`
	Offset int                         `json:"offset"`
}

func TestListMunicipalities(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		var all municipalityPage
		s.get("/api/v1/municipalities", "", &all)
		if all.Total != 79 || len(all.Items) != 79 || all.Limit != 100 || all.Offset != 0 {
			t.Fatalf("all: total %d, %d items, limit %d offset %d", all.Total, len(all.Items), all.Limit, all.Offset)
		}
		tests := []struct {
			query       string
			total, n    int
			first, last string
		}{
			{"q=poltsamaa", 1, 1, "Põltsamaa vald", "Põltsamaa vald"},
			{"q=P%C3%95LTS", 1, 1, "Põltsamaa vald", "Põltsamaa vald"},
			{"q=%25", 0, 0, "", ""},
			{"county=0079", 8, 8, "Elva vald", "Tartu vald"},
			{"type=linn&county=0079", 1, 1, "Tartu linn", "Tartu linn"},
			{"type=linn", 15, 15, "Haapsalu linn", "Võru linn"},
			{"sort=population&order=desc&limit=2", 79, 2, "Tallinn", "Tartu linn"},
			{"sort=name&order=desc&limit=1", 79, 1, all.Items[78].Name, all.Items[78].Name},
			{"limit=10&offset=70", 79, 9, all.Items[70].Name, all.Items[78].Name},
			{"limit=10&offset=100", 79, 0, "", ""},
		}
		for _, tt := range tests {
			var got municipalityPage
			s.get("/api/v1/municipalities?"+tt.query, "", &got)
			first, last := "", ""
			if len(got.Items) > 0 {
				first, last = got.Items[0].Name, got.Items[len(got.Items)-1].Name
			}
			if got.Total != tt.total || len(got.Items) != tt.n || first != tt.first || last != tt.last {
				t.Errorf("%s: total %d, %d items %q…%q; want %d, %d %q…%q",
					tt.query, got.Total, len(got.Items), first, last, tt.total, tt.n, tt.first, tt.last)
			}
			if got.Items == nil {
				t.Errorf("%s: items is null, want []", tt.query)
			}
		}
		var byCounty municipalityPage
		s.get("/api/v1/municipalities?sort=county&limit=500", "", &byCounty)
		if !sort.SliceIsSorted(byCounty.Items, func(i, j int) bool {
			return municipality.SortKey(byCounty.Items[i].CountyName) < municipality.SortKey(byCounty.Items[j].CountyName)
		}) {
			t.Error("sort=county is not by county name")
		}
	})
}

func TestListMunicipalitiesRefusesBadParameters(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		tests := []struct {
			query  string
			fields []string
		}{
			{"limit=abc", []string{"limit"}},
			{"limit=0", []string{"limit"}},
			{"limit=501", []string{"limit"}},
			{"offset=x", []string{"offset"}},
			{"offset=-1", []string{"offset"}},
			{"sort=hack&type=k%C3%BCla&order=up", []string{"order", "sort", "type"}},
			{"countyy=0079&county=0079", []string{"countyy"}},
			{"q=" + strings.Repeat("a", 101), []string{"q"}},
		}
		for _, tt := range tests {
			p := s.do(req{path: "/api/v1/municipalities?" + tt.query}).problem(t, http.StatusUnprocessableEntity)
			got := p.fields()
			sort.Strings(got)
			if diff := cmp.Diff(tt.fields, got); diff != "" {
				t.Errorf("%s: fields (-want +got):\n%s", tt.query, diff)
			}
		}
	})
}

func TestGetMunicipalityAndCounties(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		var m municipality.Municipality
		s.get("/api/v1/municipalities/0793", "", &m)
		if m.Name != "Tartu linn" || m.CountyName != "Tartu maakond" || m.Version != 1 {
			t.Errorf("0793: %+v", m)
		}
		for _, tt := range []struct{ lang, title string }{
			{"", "Sellist kirjet ei ole."},
			{"en-GB,en;q=0.9", "There is no such record."},
			{"fr", "Sellist kirjet ei ole."},
			{"de, et;q=0.5", "Sellist kirjet ei ole."},
		} {
			p := s.do(req{path: "/api/v1/municipalities/9999", lang: tt.lang}).problem(t, http.StatusNotFound)
			if p.Title != tt.title || p.Code != "not_found" {
				t.Errorf("Accept-Language %q: %+v", tt.lang, p)
			}
		}

		var counties struct {
			Items []municipality.County `json:"items"`
			Total int                   `json:"total"`
		}
		s.get("/api/v1/counties", "", &counties)
		population := 0
		for _, c := range counties.Items {
			population += c.Population
		}
		if counties.Total != 15 || len(counties.Items) != 15 || population == 0 {
			t.Errorf("counties: %+v", counties)
		}
		var tartu municipality.County
		s.get("/api/v1/counties/0079", "", &tartu)
		if tartu.Name != "Tartu maakond" || tartu.Municipalities != 8 {
			t.Errorf("county 0079: %+v", tartu)
		}
		s.do(req{path: "/api/v1/counties/0793"}).problem(t, http.StatusNotFound)
	})
}

func TestUpdateMunicipalityPermissions(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, tartuEditor := s.user(auth.RoleEditor, "0793")
		_, coordinator := s.user(auth.RoleCoordinator, "")
		_, reader := s.user(auth.RoleReader, "")
		tests := []struct {
			name, token, ehak string
			status            int
		}{
			{"editor of own", tartuEditor, "0793", http.StatusOK},
			{"editor of other", tartuEditor, "0784", http.StatusForbidden},
			{"reader", reader, "0793", http.StatusForbidden},
			{"anonymous", "", "0793", http.StatusUnauthorized},
			{"coordinator of any", coordinator, "0784", http.StatusOK},
		}
		for _, tt := range tests {
			var before municipality.Municipality
			s.get("/api/v1/municipalities/"+tt.ehak, "", &before)
			website := "https://" + strings.ReplaceAll(tt.name, " ", "-") + ".ee"
			body := fmt.Sprintf(`{"website": %q, "version": %d}`, website, before.Version)
			r := s.do(req{method: "PATCH", path: "/api/v1/municipalities/" + tt.ehak, token: tt.token, body: body})
			if r.header.Get("Cache-Control") != "no-store" {
				t.Errorf("%s: Cache-Control %q", tt.name, r.header.Get("Cache-Control"))
			}
			var after municipality.Municipality
			s.get("/api/v1/municipalities/"+tt.ehak, "", &after)
			if tt.status != http.StatusOK {
				r.problem(t, tt.status)
				if diff := cmp.Diff(before, after); diff != "" {
					t.Errorf("%s: refused save changed the record (-before +after):\n%s", tt.name, diff)
				}
				continue
			}
			var saved municipality.Municipality
			r.decode(t, &saved)
			if r.status != http.StatusOK || saved.Website != website || saved.Version != before.Version+1 || after.Website != website {
				t.Errorf("%s: %d %s", tt.name, r.status, r.body)
			}
		}
		if got := s.do(req{method: "PATCH", path: "/api/v1/municipalities/0793", body: `{}`}); got.header.Get("WWW-Authenticate") == "" {
			t.Error("401 without WWW-Authenticate")
		}
	})
}

func TestUpdateMunicipalityKeepsWhatIsLeftOut(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, editor := s.user(auth.RoleEditor, "0793")
		first := `{"website": "https://tartu.ee", "contact": {"name": "Mari", "email": "mari@tartu.ee", "phone": "+372 736 1111"}, "version": 1}`
		if r := s.do(req{method: "PATCH", path: "/api/v1/municipalities/0793", token: editor, body: first}); r.status != http.StatusOK {
			t.Fatalf("first save: %d %s", r.status, r.body)
		}
		r := s.do(req{method: "PATCH", path: "/api/v1/municipalities/0793", token: editor, body: `{"contact": {"email": "it@tartu.ee"}, "version": 2}`})
		var m municipality.Municipality
		r.decode(t, &m)
		want := municipality.Contact{Name: "Mari", Email: "it@tartu.ee", Phone: "+372 736 1111"}
		if r.status != http.StatusOK || m.Website != "https://tartu.ee" || m.Contact != want {
			t.Errorf("partial save: %d %s", r.status, r.body)
		}
	})
}
