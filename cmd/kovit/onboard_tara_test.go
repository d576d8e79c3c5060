package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestTARAPersonalCode: TARA names a person by "EE" and their personal code and vouches
// for no e-mail. A code with a wrong check digit is refused at its field; once an admin
// has recorded a valid one, the first sign-in with that subject links the account, and a
// subject nobody's code matches is refused. The code is shown only by its last digits.
func TestTARAPersonalCode(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			p := newTestProvider(t)
			a := startOIDCApp(t, e, p)
			mari := oidcUser(t, a, "mari@tartu.test", "Mari Maasikas")
			admin := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
			codePath := a.URL + "/team/users/" + itoa(mari.ID) + "/personal-code"

			st, body := postForm(t, admin, codePath, url.Values{"personal_code": {"38001085719"}})
			if st != http.StatusUnprocessableEntity || !strings.Contains(body, `aria-describedby="e-code-`+itoa(mari.ID)+`"`) {
				t.Fatalf("wrong check digit: %d\n%.500s", st, body)
			}
			// Before a code is recorded, TARA's subject finds nobody.
			p.signInAs("EE38001085718", "", false)
			if st, _, _ := signInOIDC(t, a, a.client(t), nil); st != http.StatusUnauthorized {
				t.Fatalf("unlinked TARA sign-in: %d", st)
			}
			if st, _ := postForm(t, admin, codePath, url.Values{"personal_code": {"38001085718"}}); st != http.StatusSeeOther {
				t.Fatalf("record code: %d", st)
			}
			if _, body := get(t, admin, a.URL+"/team?ehak=0793"); strings.Contains(body, "38001085718") || !strings.Contains(body, "•••••••5718") {
				t.Errorf("the team page shows the code:\n%.2000s", body)
			}
			c := a.client(t)
			st, loc, _ := signInOIDC(t, a, c, nil)
			if st != http.StatusSeeOther || loc != "/account" {
				t.Fatalf("TARA sign-in: %d %s", st, loc)
			}
			if _, body := get(t, c, a.URL+"/account"); !strings.Contains(body, "mari@tartu.test") {
				t.Error("signed in as someone else")
			}
			linked, err := a.store.User(context.Background(), mari.ID)
			if err != nil || !strings.HasSuffix(linked.OIDCSubject, "|EE38001085718") {
				t.Errorf("linked subject %q %v", linked.OIDCSubject, err)
			}
			// Signing in again goes by the linked subject.
			if st, _, _ := signInOIDC(t, a, a.client(t), nil); st != http.StatusSeeOther {
				t.Errorf("second TARA sign-in: %d", st)
			}
			p.signInAs("EE49403136526", "", false)
			if st, _, _ := signInOIDC(t, a, a.client(t), nil); st != http.StatusUnauthorized {
				t.Errorf("a code nobody has: %d", st)
			}
		})
	}
}

// TestPersonalCodeByLead: a municipal lead records the code of their own municipality's
// editor, not of another municipality's; an editor who is no lead records none.
func TestPersonalCodeByLead(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		lead := a.user(t, "juht@tartu.test", auth.RoleEditor, "0793")
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		jaan := a.user(t, "jaan@tallinn.test", auth.RoleEditor, "0784")
		plain := a.as(t, mari)
		if _, err := a.store.SetLead(context.Background(), lead.ID, true); err != nil {
			t.Fatal(err)
		}
		juht := a.as(t, lead)
		set := func(c *http.Client, u auth.User, code string) int {
			st, _ := postForm(t, c, a.URL+"/team/users/"+itoa(u.ID)+"/personal-code", url.Values{"personal_code": {code}})
			return st
		}
		if st := set(plain, lead, "49403136526"); st != http.StatusForbidden {
			t.Errorf("an editor who is no lead: %d", st)
		}
		if st := set(juht, jaan, "49403136526"); st != http.StatusForbidden {
			t.Errorf("lead sets Tallinn's editor's code: %d", st)
		}
		if st := set(juht, mari, "49403136526"); st != http.StatusSeeOther {
			t.Errorf("lead sets Tartu's editor's code: %d", st)
		}
		if u, _ := a.store.UserByPersonalCode(context.Background(), "49403136526"); u.ID != mari.ID {
			t.Errorf("code recorded on %d", u.ID)
		}
	})
}
