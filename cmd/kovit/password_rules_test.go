package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestPasswordRules: a short or common password is refused, with the field named, when a
// user changes theirs, when an admin creates an account with one (UI and API), and as the
// first admin's KOVIT_ADMIN_PASSWORD, where kovit refuses to start.
func TestPasswordRules(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		for pw, want := range map[string]string{"lühike-pw": "at least 12 characters", "password1234": "most common passwords"} {
			store := sqlstoretest.New(t, engine)
			c := config{DB: store.DSN(), AdminEmail: "admin@kovit.test", AdminPassword: pw, SessionLifetime: 3600e9}
			_, err := newApp(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)))
			if err == nil || !strings.Contains(err.Error(), "KOVIT_ADMIN_PASSWORD") || !strings.Contains(err.Error(), want) {
				t.Errorf("KOVIT_ADMIN_PASSWORD=%q: %v, want a refusal saying %q", pw, err, want)
			}
			if n, _ := store.CountUsers(context.Background()); n != 0 {
				t.Errorf("KOVIT_ADMIN_PASSWORD=%q made %d users", pw, n)
			}
		}

		a := startApp(t, engine)
		u := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		c := a.as(t, u)
		admin := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
		for _, pw := range []string{"1234567890", "password1234", "Qwerty2026!!"} {
			status, body := postForm(t, c, a.URL+"/account/password", url.Values{"current": {"parool-" + u.Email}, "new": {pw}, "again": {pw}})
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Parool") {
				t.Errorf("changing to %q: %d, want 422 naming the password", pw, status)
			}
			status, _ = postForm(t, admin, a.URL+"/admin/users", url.Values{"email": {"uus@kovit.test"}, "name": {"Uus"}, "role": {"reader"}, "password": {pw}})
			if status != http.StatusUnprocessableEntity {
				t.Errorf("admin creating an account with %q: %d, want 422", pw, status)
			}
			status, body = send(t, admin, "POST", a.URL+"/api/v1/users", "application/json",
				`{"email":"uus@kovit.test","name":"Uus","role":"reader","password":"`+pw+`"}`)
			if status != http.StatusUnprocessableEntity || !strings.Contains(body, `"password"`) {
				t.Errorf("API account with %q: %d %s, want 422 naming password", pw, status, body)
			}
		}
		if _, err := a.store.UserByEmail(context.Background(), "uus@kovit.test"); err == nil {
			t.Error("an account was made with a refused password")
		}
		if stored, _ := a.store.User(context.Background(), u.ID); !auth.CheckPassword(stored.PasswordHash, "parool-"+u.Email) {
			t.Error("the password changed")
		}
	})
}
