package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/sqlstore/sqlstoretest"
)

// signUpEID walks the eID sign-up of consultation id with c hop by hop: kovit's start, the
// provider's authorization, kovit's callback. It returns the callback's status, Location
// and body.
func signUpEID(t *testing.T, a *testApp, c *http.Client, id int64) (int, string, string) {
	t.Helper()
	toProvider := location(t, c, a.URL+"/consultations/"+itoa(id)+"/sign-up/oidc", http.StatusSeeOther)
	callback := location(t, c, toProvider, http.StatusFound)
	res, err := c.Get(callback)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header.Get("Location"), string(body)
}

func countUsers(t *testing.T, a *testApp) int {
	t.Helper()
	n, err := a.store.CountUsers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestCommenterEIDSignUp: a member of the public signs up with eID from the sign-up page
// of an open consultation that allows the public. The gateway names them by personal code
// and name, no e-mail: kovit makes a public commenter without an address, signs them in
// and returns them to the consultation, where their comment waits for moderation as an
// e-mail commenter's does; their notifications page and the admin's lists of users show
// them.
// The same person signing in again is the same account. A consultation for members only
// takes no sign-up and makes nobody; a staff member's personal code signs in the staff
// account; the staff sign-in still makes nobody for a code nobody has; starting sign-ups
// is limited per client address; an account an admin closed is refused, not made anew.
func TestCommenterEIDSignUp(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			p, a, cctx, c := eidConsultationApp(t, e)
			ctx := context.Background()
			members := openedConsultation(t, a, cctx, "Liikmete arutelu", false)
			mari := oidcUser(t, a, "mari@tartu.test", "Mari Maasikas")
			if err := a.store.SetPersonalCode(ctx, mari.ID, "38001085718"); err != nil {
				t.Fatal(err)
			}
			page := a.URL + "/consultations/" + itoa(c.ID)

			if _, body := get(t, a.client(t), page+"/sign-up"); !strings.Contains(body, `href="/consultations/`+itoa(c.ID)+`/sign-up/oidc"`) ||
				!strings.Contains(body, "Test ID") {
				t.Errorf("the sign-up page offers no eID sign-up:\n%.3000s", body)
			}
			for _, lang := range []string{"et", "en"} {
				_, body := get(t, a.client(t), page+"/sign-up?lang="+lang)
				if want := map[string]string{"et": "Logi sisse eID-ga (Test ID)", "en": "Sign in with eID (Test ID)"}[lang]; !strings.Contains(body, want) {
					t.Errorf("%s sign-up page: no %q", lang, want)
				}
				for _, p := range accessProblems(body) {
					t.Errorf("%s sign-up page: %s", lang, p)
				}
			}

			before := countUsers(t, a)
			p.signInAs("EE49403136526", "", false)
			p.claims = map[string]any{"profile_attributes": map[string]any{"given_name": "Liis", "family_name": "Kask"}}
			if s, body := get(t, a.client(t), a.URL+"/consultations/"+itoa(members.ID)+"/sign-up/oidc"); s != http.StatusForbidden ||
				!strings.Contains(body, "saavad kommenteerida ainult omavalitsuste töötajad") {
				t.Errorf("eID sign-up to a members' consultation: %d\n%.1500s", s, body)
			}
			if n := countUsers(t, a); n != before {
				t.Errorf("a refused sign-up made %d users", n-before)
			}

			liis := a.client(t)
			s, loc, body := signUpEID(t, a, liis, c.ID)
			if s != http.StatusSeeOther || loc != "/consultations/"+itoa(c.ID)+"#comment-h" {
				t.Fatalf("eID sign-up: %d to %q\n%.1500s", s, loc, body)
			}
			u, err := a.store.UserByOIDCSubject(ctx, p.URL+"|EE49403136526")
			if err != nil || !u.PublicCommenter || u.Email != "" || u.Name != "Liis Kask" || u.Role != auth.RoleReader ||
				u.MunicipalityEHAK != "" || !strings.HasSuffix(u.PersonalCodeHint, "6526") {
				t.Fatalf("the eID commenter: %+v %v", u, err)
			}
			// As for a commenter signed up by e-mail: their notifications are theirs, the
			// account page (tokens, passwords) is staff's.
			if s, body := get(t, liis, a.URL+"/notifications"); s != http.StatusOK || !strings.Contains(body, "Liis Kask") {
				t.Errorf("the commenter's notifications: %d\n%.2000s", s, body)
			}
			if s, _ := get(t, liis, a.URL+"/account"); s != http.StatusForbidden {
				t.Errorf("the commenter's account page: %d", s)
			}
			if s, body := postForm(t, liis, page+"/comments", url.Values{"section": {"1"}, "body": {"Avalik: <b>hea</b> mõte."}}); s != http.StatusSeeOther {
				t.Fatalf("the commenter's comment: %d\n%.1500s", s, body)
			}
			cs, _, err := a.store.Comments(cctx, consult.CommentFilter{ConsultationID: c.ID, Limit: 10})
			if err != nil || len(cs) != 1 || cs[0].Status != consult.Pending || cs[0].MunicipalityEHAK != "" || cs[0].AuthorName != "Liis Kask" {
				t.Fatalf("the comment: %+v %v", cs, err)
			}
			if s, _ := get(t, liis, a.URL+"/surveys"); s != http.StatusForbidden && s != http.StatusNotFound {
				t.Errorf("the eID commenter reads internal surveys: %d", s)
			}

			// The same person again, on another browser: the same account, nobody new.
			again := a.client(t)
			if s, loc, _ := signUpEID(t, a, again, c.ID); s != http.StatusSeeOther || loc != "/consultations/"+itoa(c.ID)+"#comment-h" {
				t.Fatalf("eID sign-up again: %d to %q", s, loc)
			}
			if n := countUsers(t, a); n != before+1 {
				t.Errorf("users after two sign-ups of one person: %d more, want 1", n-before)
			}
			if _, body := get(t, again, a.URL+"/notifications"); !strings.Contains(body, "Liis Kask") {
				t.Error("the second sign-in is someone else")
			}

			// A staff member's code signs in the staff account, wherever it starts.
			p.signInAs("EE38001085718", "", false)
			staff := a.client(t)
			if s, loc, _ := signUpEID(t, a, staff, c.ID); s != http.StatusSeeOther || loc != "/consultations/"+itoa(c.ID)+"#comment-h" {
				t.Fatalf("staff code from the sign-up page: %d to %q", s, loc)
			}
			if got, err := a.store.User(ctx, mari.ID); err != nil || !strings.HasSuffix(got.OIDCSubject, "|EE38001085718") || got.PublicCommenter {
				t.Errorf("the staff account: %+v %v", got, err)
			}
			if _, body := get(t, staff, a.URL+"/account"); !strings.Contains(body, "mari@tartu.test") {
				t.Error("the staff code signed in someone else")
			}
			if n := countUsers(t, a); n != before+1 {
				t.Errorf("a staff code made %d users", n-before-1)
			}

			// The staff sign-in makes no account for a code nobody has.
			p.signInAs("EE60001019906", "", false)
			if s, _, _ := signInOIDC(t, a, a.client(t), nil); s != http.StatusUnauthorized {
				t.Errorf("staff sign-in with an unknown code: %d", s)
			}
			if n := countUsers(t, a); n != before+1 {
				t.Errorf("the staff sign-in made %d users", n-before-1)
			}

			admin := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
			if s, body := get(t, admin, a.URL+"/admin/users"); s != http.StatusOK || !strings.Contains(body, "Liis Kask") {
				t.Errorf("the list of users: %d", s)
			}
			if s, body := get(t, admin, a.URL+"/admin/users/"+itoa(u.ID)); s != http.StatusOK || !strings.Contains(body, "liitus eID-ga") {
				t.Errorf("the commenter's user page: %d", s)
			}
			if s, body := get(t, admin, a.URL+"/api/v1/users"); s != http.StatusOK || !strings.Contains(body, "Liis Kask") {
				t.Errorf("the users API: %d\n%.500s", s, body)
			}

			// An admin closes the account: the same eID is then refused, and makes no new one.
			if s, body := postForm(t, admin, a.URL+"/admin/users/"+itoa(u.ID), url.Values{"name": {u.Name}, "role": {"reader"},
				"version": {itoa(int64(u.Version))}}); s != http.StatusSeeOther {
				t.Fatalf("deactivate the commenter: %d\n%.1500s", s, body)
			}
			p.signInAs("EE49403136526", "", false)
			if s, _, _ := signUpEID(t, a, a.client(t), c.ID); s != http.StatusUnauthorized {
				t.Errorf("a closed commenter's eID sign-up: %d", s)
			}
			if n := countUsers(t, a); n != before+1 {
				t.Errorf("a closed commenter's sign-up made %d users", n-before-1)
			}

			// Starting sign-ups is limited per client address, as e-mail sign-ups are.
			limited := false
			for range 12 {
				if s, body := get(t, a.client(t), page+"/sign-up/oidc"); s == http.StatusTooManyRequests {
					limited = strings.Contains(body, "Liiga palju katseid")
					break
				}
			}
			if !limited {
				t.Error("eID sign-ups are not limited")
			}
		})
	}
}

// TestCommenterEIDClosedMeanwhile: a consultation that stops taking the public's comments
// between the start of the eID sign-up and the gateway's answer makes nobody; nor does the
// gateway's answer brought to another browser than the one that started the sign-up.
func TestCommenterEIDClosedMeanwhile(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			p, a, cctx, c := eidConsultationApp(t, e)
			p.signInAs("EE49403136526", "", false)
			p.claims = map[string]any{"given_name": "Liis", "family_name": "Kask"}
			before, cl := countUsers(t, a), a.client(t)
			toProvider := location(t, cl, a.URL+"/consultations/"+itoa(c.ID)+"/sign-up/oidc", http.StatusSeeOther)
			callback := location(t, cl, toProvider, http.StatusFound)
			if s, _ := get(t, a.client(t), callback); s != http.StatusUnauthorized {
				t.Errorf("the answer in another browser: %d", s)
			}
			if n := countUsers(t, a); n != before {
				t.Fatalf("the answer in another browser made %d users", n-before)
			}
			callback = location(t, cl, location(t, cl, a.URL+"/consultations/"+itoa(c.ID)+"/sign-up/oidc", http.StatusSeeOther), http.StatusFound)
			if _, err := a.store.MoveConsultation(cctx, c.ID, consult.Move{To: consult.Closed, Version: c.Version}); err != nil {
				t.Fatal(err)
			}
			if s, _ := get(t, cl, callback); s != http.StatusForbidden {
				t.Errorf("callback after the consultation closed: %d", s)
			}
			if n := countUsers(t, a); n != before {
				t.Errorf("%d users made", n-before)
			}
		})
	}
}

// eidConsultationApp starts an app signing in through a test eID gateway, with a
// coordinator (cctx) and a consultation open to the public's comments.
func eidConsultationApp(t *testing.T, engine string) (*testProvider, *testApp, context.Context, consult.Consultation) {
	t.Helper()
	p := newTestProvider(t)
	a := startOIDCApp(t, engine, p)
	coord, err := a.store.CreateUser(context.Background(), auth.NewUser{Email: "kati@kovit.test", Name: "Kati Koordinaator", Role: auth.RoleCoordinator}, "", false)
	if err != nil {
		t.Fatal(err)
	}
	cctx := auth.WithUser(context.Background(), &coord)
	return p, a, cctx, openedConsultation(t, a, cctx, "IKT strateegia 2031", true)
}
