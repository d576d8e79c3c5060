package main

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/mail/mailtest"
)

// startMailApp is startApp with the test's SMTP server.
func startMailApp(t *testing.T, engine string) (*testApp, *mailtest.Server) {
	smtp := mailtest.Start(t)
	a := startAppWith(t, engine, func(c *config) { c.SMTPURL, c.MailFrom = smtp.URL, "kovit@kovit.test" })
	return a, smtp
}

var mailedLink = regexp.MustCompile(regexp.QuoteMeta(testBaseURL) + `(/[a-z/]+\?token=[A-Za-z0-9_%-]+)`)

// linkIn is the path and query of the link in a mail, on the configured base URL.
func linkIn(t *testing.T, m mailtest.Received) string {
	t.Helper()
	found := mailedLink.FindAllStringSubmatch(m.Text, -1)
	if len(found) != 2 || found[0][1] != found[1][1] { // the Estonian and the English text
		t.Fatalf("no link in the mail:\n%s", m.Text)
	}
	return found[0][1]
}

func tokenOf(t *testing.T, link string) string {
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("token")
}

const newPassword = "Tartu-kevad-2027"

// setPassword sends the link's form with a password, as the page does.
func setPassword(t *testing.T, a *testApp, c *http.Client, link, pw string) (int, string) {
	t.Helper()
	path, _, _ := strings.Cut(link, "?")
	return postForm(t, c, a.URL+path, url.Values{"token": {tokenOf(t, link)}, "new": {pw}, "again": {pw}})
}

// TestInvitation: a coordinator invites an editor of Tartu linn; the mail holds a link on
// the configured base URL and no password; the invitee sets a password the rules accept,
// is signed in, and the link works no more; an expired invitation is refused; each step
// is in the audit trail.
func TestInvitation(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startMailApp(t, engine)
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		kati := a.as(t, coord)
		st, body := postForm(t, kati, a.URL+"/invitations", url.Values{"email": {"Mari@Tartu.test"}, "name": {"Mari Maasikas"},
			"role": {"editor"}, "municipality_ehak": {"0793"}})
		if st != http.StatusCreated || !strings.Contains(body, "mari@tartu.test") {
			t.Fatalf("invite: %d\n%.500s", st, body)
		}
		m := smtp.Wait(t, 1)[0]
		if m.To[0] != "mari@tartu.test" || !strings.Contains(m.Subject, "Kutse") || !strings.Contains(m.Text, "72") {
			t.Fatalf("mail %+v", m)
		}
		link := linkIn(t, m)
		if !strings.HasPrefix(link, "/invitation?token=") || len(tokenOf(t, link)) < 43 {
			t.Fatalf("link %s", link)
		}
		mari, err := a.store.UserByEmail(context.Background(), "mari@tartu.test")
		if err != nil || mari.PasswordHash != "" || mari.MustChangePassword {
			t.Fatalf("invited account: %+v %v", mari, err)
		}

		c := a.client(t)
		if st, body := get(t, c, a.URL+link); st != http.StatusOK || !strings.Contains(body, "mari@tartu.test") {
			t.Fatalf("link page: %d\n%.500s", st, body)
		}
		if st, body := setPassword(t, a, c, link, "parool"); st != http.StatusUnprocessableEntity || !strings.Contains(body, `aria-describedby="e-new"`) {
			t.Fatalf("weak password: %d\n%.500s", st, body)
		}
		if st, _ := setPassword(t, a, c, link, newPassword); st != http.StatusSeeOther {
			t.Fatalf("set password: %d", st)
		}
		if st, body := get(t, c, a.URL+"/account"); st != http.StatusOK || !strings.Contains(body, "mari@tartu.test") {
			t.Fatalf("signed in after setting the password: %d", st)
		}
		if st, body := setPassword(t, a, a.client(t), link, "Teine-parool-2027"); st != http.StatusNotFound || !strings.Contains(body, "link ei kehti") {
			t.Fatalf("a used link: %d\n%.500s", st, body)
		}
		a.signedIn(t, "mari@tartu.test", newPassword)

		// An invitation waits 72 hours, no longer.
		if st, _ := postForm(t, kati, a.URL+"/invitations", url.Values{"email": {"jaan@tartu.test"}, "name": {"Jaan"},
			"role": {"editor"}, "municipality_ehak": {"0793"}}); st != http.StatusCreated {
			t.Fatalf("second invite: %d", st)
		}
		late := linkIn(t, smtp.Wait(t, 2)[1])
		a.store.Now = func() time.Time { return time.Now().Add(73 * time.Hour) }
		if st, _ := get(t, a.client(t), a.URL+late); st != http.StatusNotFound {
			t.Errorf("an expired invitation: %d", st)
		}
		if st, _ := setPassword(t, a, a.client(t), late, newPassword); st != http.StatusNotFound {
			t.Errorf("an expired invitation set a password: %d", st)
		}
		a.store.Now = time.Now

		events, _, err := a.store.ListEvents(context.Background(), audit.Filter{Entity: "user", EntityID: strconv.FormatInt(mari.ID, 10), Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var trail []string
		for _, e := range events {
			trail = append(trail, e.Action+" "+string(e.After))
		}
		joined := strings.Join(trail, "\n")
		if !strings.Contains(joined, `"invitation":"sent"`) || !strings.Contains(joined, "set through invite link") {
			t.Errorf("audit trail of the invitation:\n%s", joined)
		}
	})
}

// TestForgotPassword: the answer is the same for an address with and without an account,
// and only the account's owner gets a mail; its link sets a new password once, ends the
// other sessions, and a newer link replaces an older one; requests are limited per address.
func TestForgotPassword(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startMailApp(t, engine)
		rein := a.user(t, "rein@kovit.test", auth.RoleReader, "")
		other := a.as(t, rein)
		ask := func(email string) (int, string) {
			return postForm(t, a.client(t), a.URL+"/password/forgot", url.Values{"email": {email}})
		}
		st1, unknown := ask("nobody@kovit.test")
		st2, known := ask("rein@kovit.test")
		if st1 != http.StatusOK || st2 != http.StatusOK ||
			strings.ReplaceAll(unknown, "nobody@kovit.test", "X") != strings.ReplaceAll(known, "rein@kovit.test", "X") {
			t.Fatalf("answers differ: %d %d\n%s\n---\n%s", st1, st2, unknown, known)
		}
		first := linkIn(t, smtp.Wait(t, 1)[0])
		ask("rein@kovit.test")
		msgs := smtp.Wait(t, 2)
		for _, m := range msgs {
			if m.To[0] != "rein@kovit.test" {
				t.Errorf("mail to %v", m.To)
			}
		}
		second := linkIn(t, msgs[1])
		if !strings.HasPrefix(second, "/password/reset?token=") {
			t.Fatalf("link %s", second)
		}
		if st, _ := setPassword(t, a, a.client(t), first, newPassword); st != http.StatusNotFound {
			t.Errorf("a replaced link: %d", st)
		}
		c := a.client(t)
		if st, _ := setPassword(t, a, c, second, newPassword); st != http.StatusSeeOther {
			t.Fatalf("reset: %d", st)
		}
		if st, _ := get(t, other, a.URL+"/account"); st == http.StatusOK {
			t.Error("another session outlived the reset")
		}
		if st, _ := get(t, c, a.URL+"/account"); st != http.StatusOK {
			t.Errorf("not signed in after the reset: %d", st)
		}
		if st, _ := setPassword(t, a, a.client(t), second, "Teine-parool-2027"); st != http.StatusNotFound {
			t.Errorf("a used link: %d", st)
		}
		if st, _ := postForm(t, a.client(t), a.URL+"/sign-in", url.Values{"email": {rein.Email}, "password": {"parool-" + rein.Email}}); st != http.StatusUnauthorized {
			t.Errorf("the old password still works: %d", st)
		}
		a.signedIn(t, rein.Email, newPassword)

		if st, _ := ask("pole-aadress"); st != http.StatusUnprocessableEntity {
			t.Errorf("not an address: %d", st)
		}
		limited := false
		for range 12 {
			if st, _ := ask("ghost@kovit.test"); st == http.StatusTooManyRequests {
				limited = true
				break
			}
		}
		if !limited {
			t.Error("forgotten-password requests for one address are not limited")
		}
	})
}

// TestMunicipalLead: an admin makes a Tartu editor the lead, who may invite an editor of
// Tartu, never a coordinator, a reader or another municipality's editor, and deactivate
// Tartu's other editors only; an editor who is no lead may do neither.
func TestMunicipalLead(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startMailApp(t, engine)
		ctx := context.Background()
		lead := a.user(t, "juht@tartu.test", auth.RoleEditor, "0793")
		colleague := a.user(t, "kolleeg@tartu.test", auth.RoleEditor, "0793")
		tallinn := a.user(t, "toimetaja@tallinn.test", auth.RoleEditor, "0784")
		admin := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
		plain := a.as(t, colleague)
		invite := func(c *http.Client, role, ehak string) int {
			st, _ := postForm(t, c, a.URL+"/invitations", url.Values{"email": {role + ehak + "@kovit.test"}, "name": {"Uus"},
				"role": {role}, "municipality_ehak": {ehak}})
			return st
		}
		if st := invite(plain, "editor", "0793"); st != http.StatusForbidden {
			t.Errorf("an editor who is no lead invites: %d", st)
		}
		if st, _ := postForm(t, admin, a.URL+"/team/users/"+itoa(lead.ID)+"/lead", url.Values{"lead": {"on"}}); st != http.StatusSeeOther {
			t.Fatalf("mark lead: %d", st)
		}
		juht := a.as(t, lead)
		for _, c := range []struct{ role, ehak string }{{"coordinator", ""}, {"reader", ""}, {"admin", ""}, {"editor", "0784"}} {
			before := snapshot(t, a)
			if st := invite(juht, c.role, c.ehak); st != http.StatusForbidden {
				t.Errorf("lead invites %s %s: %d, want 403", c.role, c.ehak, st)
			}
			if snapshot(t, a) != before {
				t.Errorf("lead's refused invitation of %s %s changed data", c.role, c.ehak)
			}
		}
		if st := invite(juht, "editor", "0793"); st != http.StatusCreated {
			t.Fatalf("lead invites an editor of Tartu: %d", st)
		}
		if m := smtp.Wait(t, 1)[0]; m.To[0] != "editor0793@kovit.test" {
			t.Errorf("mail to %v", m.To)
		}
		if st, body := get(t, juht, a.URL+"/team?ehak=0784"); st != http.StatusOK || strings.Contains(body, tallinn.Email) || !strings.Contains(body, colleague.Email) {
			t.Errorf("lead's team page: %d", st)
		}
		deactivate := func(c *http.Client, u auth.User) int {
			st, _ := postForm(t, c, a.URL+"/team/users/"+itoa(u.ID)+"/deactivate", url.Values{"version": {strconv.Itoa(u.Version)}})
			return st
		}
		if st := deactivate(juht, tallinn); st != http.StatusForbidden {
			t.Errorf("lead deactivates Tallinn's editor: %d", st)
		}
		if st := deactivate(plain, lead); st != http.StatusForbidden {
			t.Errorf("an editor who is no lead deactivates: %d", st)
		}
		if st := deactivate(juht, colleague); st != http.StatusSeeOther {
			t.Fatalf("lead deactivates a Tartu editor: %d", st)
		}
		if u, _ := a.store.User(ctx, colleague.ID); u.Active {
			t.Error("the colleague is still active")
		}
	})
}

// inviteSheet is a CSV upload of rows under the Estonian header.
func inviteSheet(rows ...string) (string, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	f, _ := w.CreateFormFile("file", "kutsed.csv")
	f.Write([]byte("nimi;e-post;roll;omavalitsus\n" + strings.Join(rows, "\n") + "\n"))
	w.Close()
	return w.FormDataContentType(), b.String()
}

// TestBulkInvitation: a sheet with one bad row invites nobody and names the row; a good
// one invites everyone and mails each; a lead's sheet with a coordinator is refused.
func TestBulkInvitation(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startMailApp(t, engine)
		ctx := context.Background()
		kati := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
		a.user(t, "olemas@tartu.test", auth.RoleReader, "")
		before, _ := a.store.CountUsers(ctx)
		for _, c := range []struct{ bad, want string }{
			{"Jaan;jaan@tartu.test;ülemus;Tartu linn", "<td>3</td><td><code>roll</code>"},
			{"Olev;olemas@tartu.test;lugeja;", "<td>3</td><td><code>e-post</code>"},
		} {
			ctype, body := inviteSheet("Mari;mari@tartu.test;toimetaja;Tartu linn", c.bad)
			st, page := send(t, kati, "POST", a.URL+"/invitations/import", ctype, body)
			if st != http.StatusUnprocessableEntity || !strings.Contains(page, c.want) {
				t.Fatalf("bad sheet: %d\n%s", st, page)
			}
			if n, _ := a.store.CountUsers(ctx); n != before {
				t.Fatalf("a refused sheet made %d accounts", n-before)
			}
		}
		var ctype, body string
		ctype, body = inviteSheet("Mari;mari@tartu.test;toimetaja;Tartu linn", "Rein;rein@min.test;reader;")
		if st, page := send(t, kati, "POST", a.URL+"/invitations/import", ctype, body); st != http.StatusCreated {
			t.Fatalf("good sheet: %d\n%.800s", st, page)
		}
		got := map[string]bool{}
		for _, m := range smtp.Wait(t, 2) {
			got[m.To[0]] = true
			linkIn(t, m)
		}
		if !got["mari@tartu.test"] || !got["rein@min.test"] {
			t.Errorf("mailed %v", got)
		}
		lead := a.user(t, "juht@tartu.test", auth.RoleEditor, "0793")
		if _, err := a.store.SetLead(ctx, lead.ID, true); err != nil {
			t.Fatal(err)
		}
		ctype, body = inviteSheet("Uus;uus@tartu.test;toimetaja;0793", "Kati;k2@kovit.test;koordinaator;")
		if st, _ := send(t, a.as(t, lead), "POST", a.URL+"/invitations/import", ctype, body); st != http.StatusForbidden {
			t.Errorf("lead's sheet with a coordinator: %d", st)
		}
		if _, err := a.store.UserByEmail(ctx, "uus@tartu.test"); err == nil {
			t.Error("a refused sheet made an account")
		}
	})
}
