package main

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"kovit/internal/auth"
)

// bearer makes an API token for u and returns it.
func (a *testApp) bearer(t testing.TB, u auth.User) string {
	t.Helper()
	tok, prefix, hash := auth.GenerateToken()
	if _, err := a.store.CreateToken(context.Background(), u.ID, "skript", prefix, hash); err != nil {
		t.Fatal(err)
	}
	return tok
}

// me is the status of GET /api/v1/me with a client's session, or with a token when one is given.
func (a *testApp) me(t testing.TB, c *http.Client, token string) int {
	t.Helper()
	if token != "" {
		s, _ := send(t, a.client(t), "GET", a.URL+"/api/v1/me", "", "", "Authorization", "Bearer "+token)
		return s
	}
	s, _ := get(t, c, a.URL+"/api/v1/me")
	return s
}

func sessionCookie(t testing.TB, a *testApp, c *http.Client) string {
	t.Helper()
	u, _ := url.Parse(a.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "kovit_session" {
			return ck.Value
		}
	}
	t.Fatal("no session cookie")
	return ""
}

// TestCredentialChangesEndSessions: changing one's password, an admin's reset and
// deactivation end every other session and API token of the user; the session that
// changed the password stays signed in with a new session token, and reactivating the
// account brings nothing back.
func TestCredentialChangesEndSessions(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		ctx := context.Background()
		u := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		admin := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
		bystander := a.user(t, "jaan@tartu.test", auth.RoleEditor, "0793")
		jaan, jaansToken := a.as(t, bystander), a.bearer(t, bystander)

		// 1. Mari changes her password in one browser.
		mine, other, token := a.as(t, u), a.as(t, u), a.bearer(t, u)
		old := sessionCookie(t, a, mine)
		newPw := "Mari uus parool 2026"
		status, _ := postForm(t, mine, a.URL+"/account/password", url.Values{"current": {"parool-" + u.Email}, "new": {newPw}, "again": {newPw}})
		if status != http.StatusSeeOther {
			t.Fatalf("change password: %d", status)
		}
		if got := a.me(t, mine, ""); got != http.StatusOK || sessionCookie(t, a, mine) == old {
			t.Errorf("the changing session: %d, renewed %v; want 200 with a new session token", got, sessionCookie(t, a, mine) != old)
		}
		stale := a.client(t)
		base, _ := url.Parse(a.URL)
		stale.Jar.SetCookies(base, []*http.Cookie{{Name: "kovit_session", Value: old}})
		for name, got := range map[string]int{"other browser": a.me(t, other, ""), "old session token": a.me(t, stale, ""), "API token": a.me(t, nil, token)} {
			if got != http.StatusUnauthorized {
				t.Errorf("after a password change, %s: %d, want 401", name, got)
			}
		}
		if s, _ := get(t, other, a.URL+"/account"); s != http.StatusSeeOther {
			t.Errorf("after a password change, the other browser's /account: %d, want 303 to sign in", s)
		}

		// 2. An admin resets it.
		browser, token := a.signedIn(t, u.Email, newPw), a.bearer(t, u)
		if s, _ := postForm(t, admin, a.URL+"/admin/users/"+itoa(u.ID)+"/reset-password", nil); s != http.StatusOK {
			t.Fatalf("reset: %d", s)
		}
		if got, gotT := a.me(t, browser, ""), a.me(t, nil, token); got != http.StatusUnauthorized || gotT != http.StatusUnauthorized {
			t.Errorf("after a reset: session %d, token %d; want 401 and 401", got, gotT)
		}

		// 3. An admin deactivates the account, then reactivates it.
		hash, _ := auth.HashPassword(newPw)
		if err := a.store.SetPassword(ctx, u.ID, hash, false); err != nil {
			t.Fatal(err)
		}
		browser, token = a.signedIn(t, u.Email, newPw), a.bearer(t, u)
		cur, _ := a.store.User(ctx, u.ID)
		form := url.Values{"name": {u.Name}, "role": {"editor"}, "municipality_ehak": {"0793"}, "version": {itoa(int64(cur.Version))}}
		if s, body := postForm(t, admin, a.URL+"/admin/users/"+itoa(u.ID), form); s != http.StatusSeeOther {
			t.Fatalf("deactivate: %d %.300s", s, body)
		}
		if got, gotT := a.me(t, browser, ""), a.me(t, nil, token); got != http.StatusUnauthorized || gotT != http.StatusUnauthorized {
			t.Errorf("after deactivation: session %d, token %d; want 401 and 401", got, gotT)
		}
		form.Set("active", "on")
		form.Set("version", itoa(int64(cur.Version+1)))
		if s, body := postForm(t, admin, a.URL+"/admin/users/"+itoa(u.ID), form); s != http.StatusSeeOther {
			t.Fatalf("reactivate: %d %.300s", s, body)
		}
		if got, gotT := a.me(t, browser, ""), a.me(t, nil, token); got != http.StatusUnauthorized || gotT != http.StatusUnauthorized {
			t.Errorf("after reactivation: session %d, token %d; want 401 and 401", got, gotT)
		}
		if got := a.me(t, a.signedIn(t, u.Email, newPw), ""); got != http.StatusOK {
			t.Errorf("a new sign-in after reactivation: %d, want 200", got)
		}

		// Nobody else was signed out.
		if got, gotT := a.me(t, jaan, ""), a.me(t, nil, jaansToken); got != http.StatusOK || gotT != http.StatusOK {
			t.Errorf("another user: session %d, token %d; want 200 and 200", got, gotT)
		}
	})
}
