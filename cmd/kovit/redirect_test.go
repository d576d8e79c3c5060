package main

import (
	"net/http"
	"net/url"
	"testing"

	"kovit/internal/auth"
)

// offSite are next= and back= values that browsers would follow to another site.
var offSite = []string{"/\t/evil.example", "/\n/evil.example", `/\evil.example`, "//evil.example", "https://evil.example/", "/%2F/evil.example"}

// TestRedirectStaysOnSite: signing in, switching language and signing in through OIDC send
// the browser back only to a path of this site, whatever next= or back= says: a sign-in
// to the desk, a language switch to the home page.
func TestRedirectStaysOnSite(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		p := newTestProvider(t)
		a := startOIDCApp(t, engine, p)
		u := oidcUser(t, a, "it@tartu.ee", "Ilmar Tamm")
		hash, _ := auth.HashPassword("parool-" + u.Email)
		if err := a.store.SetPassword(t.Context(), u.ID, hash, false); err != nil {
			t.Fatal(err)
		}
		p.signInAs("EE38001085718", u.Email, true)
		for _, next := range offSite {
			c := a.client(t)
			res, err := c.PostForm(a.URL+"/sign-in", url.Values{"email": {u.Email}, "password": {"parool-" + u.Email}, "next": {next}})
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/desk" {
				t.Errorf("sign-in with next=%q: %d to %q, want 303 to /desk", next, res.StatusCode, loc)
			}
			res, err = c.PostForm(a.URL+"/lang", url.Values{"lang": {"en"}, "back": {next}})
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if loc := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || loc != "/" {
				t.Errorf("language switch with back=%q: %d to %q, want 303 to /", next, res.StatusCode, loc)
			}
			if status, loc, _ := signInOIDCNext(t, a, a.client(t), next, nil); status != http.StatusSeeOther || loc != "/desk" {
				t.Errorf("OIDC sign-in with next=%q: %d to %q, want 303 to /desk", next, status, loc)
			}
		}
	})
}
