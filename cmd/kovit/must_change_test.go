package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"kovit/internal/auth"
)

// TestMustChangePasswordEnforced: until a user replaces a password an admin chose, every
// page but the change form sends them to it, every API call is refused with 403, and
// nothing changes; signing out, the language switch and static files still work.
func TestMustChangePasswordEnforced(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		hash, _ := auth.HashPassword("ajutine-parool-1")
		u, err := a.store.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.test", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, hash, true)
		if err != nil {
			t.Fatal(err)
		}
		token := a.bearer(t, u) // made before the rule, e.g. by an older kovit
		c := a.signedIn(t, u.Email, "ajutine-parool-1")
		before := snapshot(t, a)
		for _, p := range []struct{ method, path, body string }{
			{"GET", "/", ""},
			{"GET", "/municipalities", ""},
			{"GET", "/account/tokens", ""},
			{"POST", "/account/tokens", "name=skript"},
			{"POST", "/municipalities/0793/edit", "version=1&contact_name=Mari"},
			{"GET", "/admin/users", ""},
		} {
			res := sendAs(t, c, p.method, a.URL+p.path, p.body, "")
			if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/account" {
				t.Errorf("%s %s: %d to %q, want 303 to /account", p.method, p.path, res.StatusCode, res.Header.Get("Location"))
			}
		}
		for _, path := range []string{"/api/v1/me", "/api/v1/municipalities", "/api/v1/municipalities/0793"} {
			for who, res := range map[string]*http.Response{"session": sendAs(t, c, "GET", a.URL+path, "", ""), "token": sendAs(t, a.client(t), "GET", a.URL+path, "", token)} {
				if res.StatusCode != http.StatusForbidden || res.Header.Get("Content-Type") != "application/problem+json" {
					t.Errorf("GET %s with a %s: %d %s, want 403 problem+json", path, who, res.StatusCode, res.Header.Get("Content-Type"))
				}
			}
		}
		if res := sendAs(t, c, "PATCH", a.URL+"/api/v1/municipalities/0793", `{"contact":{"name":"Mari"},"version":1}`, token); res.StatusCode != http.StatusForbidden {
			t.Errorf("PATCH with a token: %d, want 403", res.StatusCode)
		}
		if after := snapshot(t, a); after != before {
			t.Errorf("a user who must change their password changed data:\nbefore %s\nafter  %s", before, after)
		}

		status, body := get(t, c, a.URL+"/account")
		if status != http.StatusOK {
			t.Fatalf("GET /account: %d, want 200", status)
		}
		css := regexp.MustCompile(`/static/[^"]+\.css`).FindString(body)
		if s, _ := get(t, c, a.URL+css); css == "" || s != http.StatusOK {
			t.Errorf("static %q: %d, want 200", css, s)
		}
		if s, _ := postForm(t, c, a.URL+"/lang", url.Values{"lang": {"en"}, "back": {"/account"}}); s != http.StatusSeeOther {
			t.Errorf("language switch: %d, want 303", s)
		}

		// Once it is changed, everything is open again.
		newPw := "Mari oma parool 2026"
		if s, _ := postForm(t, c, a.URL+"/account/password", url.Values{"current": {"ajutine-parool-1"}, "new": {newPw}, "again": {newPw}}); s != http.StatusSeeOther {
			t.Fatalf("change password: %d", s)
		}
		if s, _ := get(t, c, a.URL+"/municipalities"); s != http.StatusOK {
			t.Errorf("/municipalities after the change: %d, want 200", s)
		}
		if s, _ := get(t, c, a.URL+"/api/v1/me"); s != http.StatusOK {
			t.Errorf("/api/v1/me after the change: %d, want 200", s)
		}
		if s, _ := postForm(t, c, a.URL+"/sign-out", nil); s != http.StatusSeeOther {
			t.Errorf("sign out: %d", s)
		}
	})
}

// sendAs sends a request, with a Bearer token when one is given, and returns the response with
// its body read and closed.
func sendAs(t *testing.T, c *http.Client, method, u, body, token string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case strings.HasPrefix(body, "{"):
		req.Header.Set("Content-Type", "application/json")
	case body != "":
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}
