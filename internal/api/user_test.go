package api_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestMe(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		reader, token := s.user(auth.RoleReader, "")
		s.do(req{path: "/api/v1/me"}).problem(t, http.StatusUnauthorized)

		r := s.do(req{path: "/api/v1/me", token: token})
		var me auth.User
		r.decode(t, &me)
		if r.status != http.StatusOK || me.ID != reader.ID || me.Email != reader.Email || r.header.Get("Cache-Control") != "no-store" {
			t.Errorf("me: %d %s %v", r.status, r.body, r.header)
		}
		if strings.Contains(string(r.body), "password_hash") || strings.Contains(string(r.body), "oidc") {
			t.Errorf("secrets in %s", r.body)
		}
		// auth.Authenticator answers a bad token itself, before the API sees the request.
		if r := s.do(req{path: "/api/v1/me", token: "kovit_not-a-real-token"}); r.status != http.StatusUnauthorized {
			t.Errorf("unknown token: %d", r.status)
		}
	})
}

// TestBadTokenProblem: the authenticator turns a bad token away with the API's own
// problem body, in the client's language, not a fixed English one.
func TestBadTokenProblem(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		for lang, want := range map[string]string{
			"et": "API võti ei kehti: see on tundmatu või tühistatud või selle konto on deaktiveeritud.",
			"en": "The API token is not valid: it is unknown or revoked, or its account is deactivated.",
		} {
			r := s.do(req{path: "/api/v1/me", token: "kovit_not-a-real-token", lang: lang})
			p := r.problem(t, http.StatusUnauthorized)
			if p.Code != "unauthorized" || p.Title != want {
				t.Errorf("%s: code %q, title %q, want %q", lang, p.Code, p.Title, want)
			}
			if r.header.Get("Content-Language") != lang || r.header.Get("WWW-Authenticate") == "" {
				t.Errorf("%s: headers %v", lang, r.header)
			}
		}
	})
}

// TestRevokedToken: a token stops working at once, on every route, and so does every
// token of a deactivated user.
func TestRevokedToken(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		ctx := context.Background()
		u, token := s.user(auth.RoleEditor, "0793")
		tokens, err := store.ListTokens(ctx, u.ID)
		if err != nil || len(tokens) != 1 {
			t.Fatalf("tokens %v %v", tokens, err)
		}
		if err := store.RevokeToken(ctx, u.ID, tokens[0].ID); err != nil {
			t.Fatal(err)
		}
		for _, r := range []req{
			{path: "/api/v1/me", token: token},
			{path: "/api/v1/municipalities", token: token},
			{method: "PATCH", path: "/api/v1/municipalities/0793", token: token, body: `{"website": "https://x.ee", "version": 1}`},
		} {
			if got := s.do(r); got.status != http.StatusUnauthorized {
				t.Errorf("%s %s with a revoked token: %d", r.method, r.path, got.status)
			}
		}

		_, adminToken := s.user(auth.RoleAdmin, "")
		other, otherToken := s.user(auth.RoleReader, "")
		body := fmt.Sprintf(`{"active": false, "version": %d}`, other.Version)
		if r := s.do(req{method: "PATCH", path: fmt.Sprint("/api/v1/users/", other.ID), token: adminToken, body: body}); r.status != http.StatusOK {
			t.Fatalf("deactivate: %d %s", r.status, r.body)
		}
		if r := s.do(req{path: "/api/v1/me", token: otherToken}); r.status != http.StatusUnauthorized {
			t.Errorf("token of a deactivated user: %d", r.status)
		}
	})
}

// TestSessionCookie: the web UI's session works on the API too.
func TestSessionCookie(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		u, _ := s.user(auth.RoleCoordinator, "")
		jar, _ := cookiejar.New(nil)
		client := &http.Client{Jar: jar}
		res, err := client.PostForm(s.url+"/test/sign-in", url.Values{"email": {u.Email}})
		if err != nil || res.StatusCode != http.StatusOK {
			t.Fatalf("sign in: %v %v", res, err)
		}
		res.Body.Close()
		res, err = client.Get(s.url + "/api/v1/audit-events?limit=1")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("audit with a coordinator's session: %d", res.StatusCode)
		}
	})
}

func TestUsersAreForAdminsOnly(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		admin, adminToken := s.user(auth.RoleAdmin, "")
		_, coordinator := s.user(auth.RoleCoordinator, "")
		_, editor := s.user(auth.RoleEditor, "0793")
		self := fmt.Sprint("/api/v1/users/", admin.ID)
		calls := []req{
			{path: "/api/v1/users"},
			{path: self},
			{method: "POST", path: "/api/v1/users", body: `{"email": "uus@kovit.ee", "name": "Uus", "role": "reader"}`},
			{method: "PATCH", path: self, body: fmt.Sprintf(`{"name": "Renamed", "version": %d}`, admin.Version)},
		}
		for _, who := range []struct {
			name, token string
			status      int
		}{
			{"coordinator", coordinator, http.StatusForbidden},
			{"editor", editor, http.StatusForbidden},
			{"anonymous", "", http.StatusUnauthorized},
		} {
			for _, c := range calls {
				c.token = who.token
				s.do(c).problem(t, who.status)
			}
		}
		if n, _ := store.CountUsers(context.Background()); n != 3 {
			t.Errorf("refused calls created users: %d", n)
		}
		if u, _ := store.User(context.Background(), admin.ID); u.Name != admin.Name {
			t.Errorf("refused call renamed the admin: %q", u.Name)
		}
		for _, c := range calls {
			c.token = adminToken
			if r := s.do(c); r.status >= 300 {
				t.Errorf("admin %s %s: %d %s", c.method, c.path, r.status, r.body)
			}
		}
	})
}

type createdUser struct {
	User            auth.User `json:"user"`
	InitialPassword *string   `json:"initial_password"`
}

func TestCreateUser(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		ctx := context.Background()
		_, admin := s.user(auth.RoleAdmin, "")

		r := s.do(req{method: "POST", path: "/api/v1/users", token: admin,
			body: `{"email": " Mari@Tartu.ee ", "name": "Mari", "role": "editor", "municipality_ehak": "0793"}`})
		var got createdUser
		r.decode(t, &got)
		if r.status != http.StatusCreated || got.InitialPassword == nil || len(*got.InitialPassword) < auth.MinPasswordLength {
			t.Fatalf("create: %d %s", r.status, r.body)
		}
		if got.User.Email != "mari@tartu.ee" || !got.User.MustChangePassword || r.header.Get("Location") != fmt.Sprint("/api/v1/users/", got.User.ID) {
			t.Errorf("created %+v, Location %q", got.User, r.header.Get("Location"))
		}
		stored, err := store.User(ctx, got.User.ID)
		if err != nil || !auth.CheckPassword(stored.PasswordHash, *got.InitialPassword) {
			t.Errorf("the initial password does not sign in: %v", err)
		}
		// Once: reading the account again does not show it.
		again := s.do(req{path: r.header.Get("Location"), token: admin})
		if again.status != http.StatusOK || strings.Contains(string(again.body), *got.InitialPassword) || strings.Contains(string(again.body), "initial_password") {
			t.Errorf("read again: %d %s", again.status, again.body)
		}

		r = s.do(req{method: "POST", path: "/api/v1/users", token: admin,
			body: `{"email": "jaan@kovit.ee", "name": "Jaan", "role": "reader", "password": "pikk salajane parool"}`})
		got = createdUser{}
		r.decode(t, &got)
		if r.status != http.StatusCreated || got.InitialPassword != nil || !got.User.MustChangePassword {
			t.Errorf("create with password: %d %s", r.status, r.body)
		}
		if stored, _ := store.User(ctx, got.User.ID); !auth.CheckPassword(stored.PasswordHash, "pikk salajane parool") {
			t.Error("the chosen password does not sign in")
		}

		tests := []struct {
			body   string
			fields []string
		}{
			{`{"email": "x", "role": "boss", "password": "short"}`, []string{"email", "name", "role", "password"}},
			{`{"email": "mari@tartu.ee", "name": "Mari 2", "role": "editor", "municipality_ehak": "9999"}`, []string{"email", "municipality_ehak"}},
			{`{"email": "a@kovit.ee", "name": "A", "role": "reader", "municipality_ehak": "0793"}`, []string{"municipality_ehak"}},
		}
		for _, tt := range tests {
			p := s.do(req{method: "POST", path: "/api/v1/users", token: admin, body: tt.body}).problem(t, http.StatusUnprocessableEntity)
			if got := strings.Join(p.fields(), ","); got != strings.Join(tt.fields, ",") {
				t.Errorf("%s: fields %s, want %v", tt.body, got, tt.fields)
			}
		}
		if n, _ := store.CountUsers(ctx); n != 3 {
			t.Errorf("%d users, want 3", n)
		}
	})
}
