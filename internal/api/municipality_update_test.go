package api_test

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestStaleSaveIsRefused: two editors read version 1; the first save wins and the second
// gets 409 instead of silently overwriting it.
func TestStaleSaveIsRefused(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, mari := s.user(auth.RoleEditor, "0793")
		_, jaan := s.user(auth.RoleEditor, "0793")
		path := "/api/v1/municipalities/0793"
		if r := s.do(req{method: "PATCH", path: path, token: mari, body: `{"website": "https://mari.ee", "version": 1}`}); r.status != http.StatusOK {
			t.Fatalf("first save: %d %s", r.status, r.body)
		}
		p := s.do(req{method: "PATCH", path: path, token: jaan, body: `{"website": "https://jaan.ee", "version": 1}`, lang: "en"}).
			problem(t, http.StatusConflict)
		if p.Code != "conflict" || p.Title == "" {
			t.Errorf("conflict problem %+v", p)
		}
		var m municipality.Municipality
		s.get(path, "", &m)
		if m.Website != "https://mari.ee" || m.Version != 2 {
			t.Errorf("after conflict: website %q version %d", m.Website, m.Version)
		}
	})
}

func TestInvalidDetailsListEveryField(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, editor := s.user(auth.RoleEditor, "0793")
		body := `{"website": "tartu.ee", "contact": {"email": "not-mail", "phone": "call me"}, "version": 0}`
		type field struct{ Field, Key, Message string }
		tests := []struct {
			lang, title string
			want        []field
		}{
			{"en", "Please correct the marked fields.", []field{
				{"website", "error.url", "Enter a full web address starting with https:// or http://."},
				{"contact_email", "error.email", "Enter an e-mail address like name@office.ee."},
				{"contact_phone", "error.phone", "A phone number may contain digits, spaces and + - ( )."},
				{"version", "error.version", "The record version is missing or invalid."},
			}},
			{"et", "Palun parandage märgitud väljad.", []field{
				{"website", "error.url", "Sisestage täielik veebiaadress, mis algab https:// või http://."},
				{"contact_email", "error.email", "Sisestage e-posti aadress kujul nimi@asutus.ee."},
				{"contact_phone", "error.phone", "Telefoninumbris võivad olla numbrid, tühikud ja märgid + - ( )."},
				{"version", "error.version", "Kirje versioon puudub või on vigane."},
			}},
		}
		for _, tt := range tests {
			p := s.do(req{method: "PATCH", path: "/api/v1/municipalities/0793", token: editor, body: body, lang: tt.lang}).
				problem(t, http.StatusUnprocessableEntity)
			var got []field
			for _, e := range p.Errors {
				got = append(got, field(e))
			}
			if p.Code != "invalid" || p.Title != tt.title {
				t.Errorf("%s: code %q title %q", tt.lang, p.Code, p.Title)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("%s: errors (-want +got):\n%s", tt.lang, diff)
			}
		}
		var m municipality.Municipality
		s.get("/api/v1/municipalities/0793", "", &m)
		if m.Version != 1 {
			t.Errorf("invalid save changed the record: %+v", m)
		}
	})
}

func TestMalformedBodies(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, editor := s.user(auth.RoleEditor, "0793")
		tests := []struct {
			name, body string
			field, key string // the field problem, if one is named
			detail     bool   // whether the problem says where the reading stopped
		}{
			{"cut short", `{"website": "https://tartu.ee"`, "", "", false},
			{"not json", `website=https://tartu.ee`, "", "", true},
			{"empty", ``, "", "", false},
			{"two values", `{"version": 1} {"version": 1}`, "", "", true},
			{"unknown field", `{"webiste": "https://tartu.ee", "version": 1}`, "webiste", "api.error.unknown_field", false},
			{"unknown nested field", `{"contact": {"mail": "a@b.ee"}, "version": 1}`, "mail", "api.error.unknown_field", false},
			{"wrong type", `{"version": "1"}`, "version", "api.error.json_type", true},
			{"wrong nested type", `{"contact": {"email": 5}, "version": 1}`, "contact.email", "api.error.json_type", true},
		}
		for _, tt := range tests {
			p := s.do(req{method: "PATCH", path: "/api/v1/municipalities/0793", token: editor, body: tt.body, lang: "en"}).
				problem(t, http.StatusBadRequest)
			if p.Code != "malformed" || p.Title != "The request body is not valid JSON." {
				t.Errorf("%s: %+v", tt.name, p)
			}
			if (p.Detail != "") != tt.detail {
				t.Errorf("%s: detail %q", tt.name, p.Detail)
			}
			if tt.field == "" && len(p.Errors) > 0 ||
				tt.field != "" && (len(p.Errors) != 1 || p.Errors[0].Field != tt.field || p.Errors[0].Key != tt.key || p.Errors[0].Message == "") {
				t.Errorf("%s: errors %+v", tt.name, p.Errors)
			}
		}
		var m municipality.Municipality
		s.get("/api/v1/municipalities/0793", "", &m)
		if m.Version != 1 || m.Website != "" {
			t.Errorf("a malformed body changed the record: %+v", m)
		}
	})
}
