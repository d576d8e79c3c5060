package main

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestOIDCAccountNeverAskedForPassword: an account that signs in through OIDC or TARA is
// never sent to change a password it does not have. One without a password but flagged
// (an older kovit's data) reaches its pages and the API; one whose password an admin
// chose and its user never replaced loses that password at the provider's sign-in, so
// neither it nor the flag stands in the way, and the admin's password no longer signs in.
func TestOIDCAccountNeverAskedForPassword(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			p := newTestProvider(t)
			a := startOIDCApp(t, e, p)
			ctx := context.Background()
			flagged, err := a.store.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.test", Name: "Mari Maasikas", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "", true)
			if err != nil {
				t.Fatal(err)
			}
			hash, _ := auth.HashPassword("admini-valitud-1")
			chosen, err := a.store.CreateUser(ctx, auth.NewUser{Email: "jaan@tartu.test", Name: "Jaan Tamm", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, hash, true)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				u       auth.User
				subject string
			}{{flagged, "EE38001085718"}, {chosen, "EE49403136526"}} {
				p.signInAs(c.subject, c.u.Email, true)
				cl := a.client(t)
				if st, loc, _ := signInOIDCNext(t, a, cl, "/municipalities", nil); st != http.StatusSeeOther || loc != "/municipalities" {
					t.Fatalf("%s: sign-in %d to %q, want 303 to /municipalities", c.u.Email, st, loc)
				}
				for _, path := range []string{"/municipalities", "/desk", "/api/v1/me"} {
					if st, _ := get(t, cl, a.URL+path); st != http.StatusOK {
						t.Errorf("%s: GET %s %d, want 200", c.u.Email, path, st)
					}
				}
				after, err := a.store.User(ctx, c.u.ID)
				if err != nil || after.PasswordHash != "" || auth.PasswordChangePending(&after) != nil {
					t.Errorf("%s after the provider's sign-in: password %q, pending %v (%v)", c.u.Email, after.PasswordHash, auth.PasswordChangePending(&after), err)
				}
			}
			if st, _ := postForm(t, a.client(t), a.URL+"/sign-in", url.Values{"email": {"jaan@tartu.test"}, "password": {"admini-valitud-1"}}); st != http.StatusUnauthorized {
				t.Errorf("the admin's chosen password still signs in: %d, want 401", st)
			}
		})
	}
}
