package api_test

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestListUsers(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, admin := s.user(auth.RoleAdmin, "")
		s.user(auth.RoleEditor, "0793")
		s.user(auth.RoleEditor, "0793")
		s.user(auth.RoleEditor, "0784")
		gone, _ := s.user(auth.RoleReader, "")
		body := fmt.Sprintf(`{"active": false, "version": %d}`, gone.Version)
		if r := s.do(req{method: "PATCH", path: fmt.Sprint("/api/v1/users/", gone.ID), token: admin, body: body}); r.status != http.StatusOK {
			t.Fatalf("deactivate: %d %s", r.status, r.body)
		}
		tests := []struct {
			query  string
			total  int
			emails []string
		}{
			{"", 5, nil},
			{"role=editor&municipality=0793", 2, []string{"editor2@kovit.ee", "editor3@kovit.ee"}},
			{"q=EDITOR4", 1, []string{"editor4@kovit.ee"}},
			{"active=false", 1, []string{"reader5@kovit.ee"}},
			{"active=true&limit=2&offset=3", 4, []string{"editor4@kovit.ee"}},
			{"role=editor&limit=1&offset=1", 3, []string{"editor3@kovit.ee"}},
		}
		for _, tt := range tests {
			var got struct {
				Items        []auth.User `json:"items"`
				Total, Limit int
			}
			s.get("/api/v1/users?"+tt.query, admin, &got)
			var emails []string
			for _, u := range got.Items {
				emails = append(emails, u.Email)
			}
			if got.Total != tt.total || tt.emails != nil && !sameList(emails, tt.emails) {
				t.Errorf("%s: total %d %v, want %d %v", tt.query, got.Total, emails, tt.total, tt.emails)
			}
		}

		bad := []struct {
			query  string
			fields []string
		}{
			{"active=yes", []string{"active"}},
			{"role=boss&limit=501&offset=-1", []string{"limit", "offset", "role"}},
			{"municipality_ehak=0793", []string{"municipality_ehak"}},
		}
		for _, tt := range bad {
			p := s.do(req{path: "/api/v1/users?" + tt.query, token: admin}).problem(t, http.StatusUnprocessableEntity)
			got := p.fields()
			sort.Strings(got)
			if diff := cmp.Diff(tt.fields, got); diff != "" {
				t.Errorf("%s: fields (-want +got):\n%s", tt.query, diff)
			}
		}
	})
}

func sameList(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

func TestUpdateUser(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, admin := s.user(auth.RoleAdmin, "")
		editor, _ := s.user(auth.RoleEditor, "0793")
		path := fmt.Sprint("/api/v1/users/", editor.ID)

		// Making an editor a reader needs the municipality cleared in the same save.
		p := s.do(req{method: "PATCH", path: path, token: admin, body: `{"role": "reader", "version": 1}`}).
			problem(t, http.StatusUnprocessableEntity)
		if got := p.fields(); len(got) != 1 || got[0] != "municipality_ehak" {
			t.Errorf("reader with municipality: %v", got)
		}
		r := s.do(req{method: "PATCH", path: path, token: admin, body: `{"role": "reader", "municipality_ehak": "", "version": 1}`})
		var u auth.User
		r.decode(t, &u)
		if r.status != http.StatusOK || u.Role != auth.RoleReader || u.MunicipalityEHAK != "" || u.Name != editor.Name || !u.Active || u.Version != 2 {
			t.Errorf("update: %d %s", r.status, r.body)
		}
		s.do(req{method: "PATCH", path: path, token: admin, body: `{"name": "Stale", "version": 1}`}).problem(t, http.StatusConflict)
		var after auth.User
		s.get(path, admin, &after)
		if after.Name != editor.Name || after.Version != 2 {
			t.Errorf("stale save changed the user: %+v", after)
		}
		for _, missing := range []string{"/api/v1/users/999", "/api/v1/users/abc", "/api/v1/users/0"} {
			s.do(req{path: missing, token: admin}).problem(t, http.StatusNotFound)
			s.do(req{method: "PATCH", path: missing, token: admin, body: `{"version": 1}`}).problem(t, http.StatusNotFound)
		}
		s.do(req{method: "PATCH", path: path, token: admin, body: `{"password": "x", "version": 2}`}).problem(t, http.StatusBadRequest)
	})
}
