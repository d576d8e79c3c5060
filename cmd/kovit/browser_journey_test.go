package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/jobs"
	"kovit/internal/kovit"
	"kovit/internal/mail/mailtest"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestBrowserDailyWork walks issue 12's journey in headless Chromium, on a server with the
// test's SMTP server, OpenID provider and a set clock: the admin invites an editor of
// Tartu linn, who sets a password from the mail and chooses the daily digest for verified
// cells; a coordinator returns one of Tartu's cells; the editor finds it on the desk, is
// mailed at once, and fixes it on the one-page form; the coordinator verifies it from the
// desk's queue; the notification job, run by the jobs runner at 07:00 the next morning,
// mails the editor the day's digest. Then a forgotten password is reset from its mail,
// and a TARA-style sign-in links to the editor by the personal code the admin recorded.
func TestBrowserDailyWork(t *testing.T) {
	p := newTestProvider(t)
	a, smtp := startJourneyApp(t, p)
	today := time.Date(2026, 12, 1, 10, 0, 0, 0, kovit.Estonia) // a Tuesday
	a.store.Now = func() time.Time { return today }
	runAt := func(at time.Time) {
		t.Helper()
		r := &jobs.Runner{Store: a.store, Jobs: jobNamed(t, a, "notification_mail"), Now: func() time.Time { return at },
			Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		r.RunDue(context.Background())
	}
	coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	svc, err := a.store.Service(context.Background(), "SOC-001")
	if err != nil {
		t.Fatal(err)
	}
	const editor, first, second = "mari@tartu.example", "Mari-kutse-parool-1", "Mari-uus-parool-22"
	b := startBrowser(t, a.URL)
	signOut := func() {
		t.Helper()
		b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Sign out")))
	}

	// The admin invites Mari to edit Tartu linn.
	b.open("home page", "/", http.StatusOK)
	b.follow("switch to English", http.StatusOK, chromedp.Click(buttonNamed("In English")))
	b.signIn("admin@kovit.test", "admin-parool-1", "/desk")
	b.follow("team", http.StatusOK, chromedp.Click(linkNamed("Team")))
	b.follow("invitations", http.StatusOK, chromedp.Click(linkNamed("Invite people")))
	b.fill("E-mail address", editor)
	b.fill("Name", "Mari Maasikas")
	b.choose("Role", "editor")
	b.choose("Municipality (editors only)", "Tartu linn")
	b.follow("invite", http.StatusCreated, chromedp.Click(buttonNamed("Send the invitation")))
	signOut()

	// Mari sets her password from the mail and asks for verified cells in the daily digest.
	invitation := smtp.Wait(t, 1)[0]
	if invitation.To[0] != editor {
		t.Fatalf("the invitation went to %v", invitation.To)
	}
	b.open("invitation link", linkIn(t, invitation), http.StatusOK)
	b.fill("New password (at least 12 characters)", first)
	b.fill("New password again", first)
	b.follow("accept the invitation", http.StatusOK, chromedp.Click(buttonNamed("Save the password")))
	b.want("p.flash", "Your password is saved and you are signed in.")
	b.open("notification settings", "/account/notifications", http.StatusOK)
	b.choose("Language of mail", "English")
	b.choose("E-service data verified", "in the daily digest")
	b.follow("save the settings", http.StatusOK, chromedp.Click(buttonNamed("Save")))
	signOut()
	mari, err := a.store.UserByEmail(context.Background(), editor)
	if err != nil {
		t.Fatal(err)
	}

	// Tartu's cell was filled earlier; the coordinator returns it with a reason.
	if _, err := a.store.SaveCell(auth.WithUser(context.Background(), &mari), "0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered}); err != nil {
		t.Fatal(err)
	}
	const reason = "Add the address of the e-service."
	b.signIn(coord.Email, "parool-"+coord.Email, "/desk")
	b.open("Tartu's cell", "/eservices/0793/SOC-001", http.StatusOK)
	b.run("return", chromedp.Click(chromedp.ID("f-verification-returned")))
	// An empty text area has no text node for chromedp.Clear: type into it.
	b.run("give the reason", chromedp.SendKeys(labelled("Reason (required when returning)"), reason))
	b.follow("save the decision", http.StatusOK, chromedp.Click(buttonNamed("Save the decision")))
	signOut()
	runAt(today.Add(time.Minute))
	if m := smtp.Wait(t, 2)[1]; m.To[0] != editor || !strings.Contains(m.Text, reason) {
		t.Fatalf("the return was mailed as %+v", m)
	}

	// Mari sees it on her desk, with the reason, and fixes it on the one-page form.
	b.signIn(editor, first, "/desk")
	item := chromedp.Search(`//ol[contains(@class,"desk")]/li[contains(., "E-service returned")]`)
	if got := b.read("returned item", chromedp.Text(item)); !strings.Contains(got, svc.NameEn) || !strings.Contains(got, reason) {
		b.fatalf("the desk's returned item reads %q", got)
	}
	b.follow("open the returned cell", http.StatusOK, chromedp.Click(chromedp.Search(`//ol[contains(@class,"desk")]/li[contains(., "E-service returned")]//a`)))
	b.open("Tartu's e-services", "/municipalities/0793/eservices", http.StatusOK)
	b.follow("one-page form", http.StatusOK, chromedp.Click(linkNamed("Fill in every service on one page")))
	address := chromedp.Search(`//*[@id="f-SOC-001.url"]`)
	b.run("fill the address", chromedp.Clear(address), chromedp.SendKeys(address, "https://www.tartu.ee/sunnitoetus"))
	b.follow("save the form", http.StatusOK, chromedp.Click(buttonNamed("Save")))
	b.want("p.flash", "Saved.")
	signOut()

	// The coordinator verifies it from the desk's queue.
	b.signIn(coord.Email, "parool-"+coord.Email, "/desk")
	queued := chromedp.Search(`//section[@aria-labelledby="g-cell_to_verify"]//a[normalize-space()="` + svc.NameEn + `"]`)
	b.follow("open the queued cell", http.StatusOK, chromedp.Click(queued))
	b.run("verify", chromedp.Click(chromedp.ID("f-verification")))
	b.follow("save the decision", http.StatusOK, chromedp.Click(buttonNamed("Save the decision")))
	signOut()
	if c, err := a.store.Cell(context.Background(), "0793", "SOC-001"); err != nil || c.Verification != eservice.Verified || c.URL != "https://www.tartu.ee/sunnitoetus" {
		t.Fatalf("the cell is %+v %v", c, err)
	}

	// Nothing more goes out today; the digest goes at 07:00 the next morning.
	runAt(today.Add(2 * time.Hour))
	if n := len(smtp.Messages()); n != 2 {
		t.Fatalf("%d mails before the digest, want 2", n)
	}
	runAt(time.Date(2026, 12, 2, 7, 0, 0, 0, kovit.Estonia))
	digest := smtp.Wait(t, 3)[2]
	if digest.To[0] != editor || digest.Subject != "kovit: 1 notification of the day" ||
		!strings.Contains(digest.Text, "E-service data verified") || !strings.Contains(digest.Text, svc.NameEt) {
		t.Fatalf("the daily digest: %+v", digest)
	}

	// A forgotten password is reset from its mail.
	b.follow("sign-in page", http.StatusOK, chromedp.Click(linkNamed("Sign in")))
	b.follow("forgotten password", http.StatusOK, chromedp.Click(linkNamed("Forgot your password?")))
	b.fill("E-mail address", editor)
	b.follow("ask for a link", http.StatusOK, chromedp.Click(buttonNamed("Send the link")))
	reset := smtp.Wait(t, 4)[3]
	b.open("reset link", linkIn(t, reset), http.StatusOK)
	b.fill("New password (at least 12 characters)", second)
	b.fill("New password again", second)
	b.follow("save the new password", http.StatusOK, chromedp.Click(buttonNamed("Save the password")))
	b.want("p.flash", "Your password is saved and you are signed in.")
	signOut()
	b.signIn(editor, second, "/desk")
	signOut()

	// The admin records Mari's personal code; her first TARA sign-in links to her account.
	b.signIn("admin@kovit.test", "admin-parool-1", "/desk")
	b.open("Tartu's team", "/team?ehak=0793", http.StatusOK)
	b.fill("Personal code for eID sign-in (Mari Maasikas)", "38001085718")
	b.follow("save the code", http.StatusOK, chromedp.Click(chromedp.Search(`//input[@id="f-code-`+itoa(mari.ID)+`"]/following-sibling::button`)))
	signOut()
	p.signInAs("EE38001085718", "", false)
	b.follow("sign-in page", http.StatusOK, chromedp.Click(linkNamed("Sign in")))
	b.follow("sign in with TARA", http.StatusOK, chromedp.Click(linkNamed("Sign in with Test ID")))
	if where := b.read("location", chromedp.Location()); !strings.HasSuffix(where, "/desk") {
		b.fatalf("TARA sign-in landed on %s", where)
	}
	b.open("account", "/account", http.StatusOK)
	if got := b.read("account", chromedp.Text(chromedp.CSS("main"))); !strings.Contains(got, editor) {
		b.fatalf("TARA signed in someone else: %q", got)
	}
}

// startJourneyApp is kovit on SQLite with the test's SMTP server and OpenID provider: the
// callback address must be known before newApp runs, so the listener is opened first.
func startJourneyApp(t *testing.T, p *testProvider) (*testApp, *mailtest.Server) {
	t.Helper()
	smtp := mailtest.Start(t)
	store := sqlstoretest.New(t, "sqlite")
	srv := httptest.NewUnstartedServer(nil)
	c := config{DB: store.DSN(), AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: time.Hour,
		BaseURL: testBaseURL, SMTPURL: smtp.URL, MailFrom: "kovit@kovit.test",
		OIDCName: "Test ID", OIDCIssuer: p.URL, OIDCClientID: p.clientID, OIDCSecret: p.secret,
		OIDCRedirectURL: "http://" + srv.Listener.Addr().String() + "/sign-in/oidc/callback"}
	p.redirectURI = c.OIDCRedirectURL
	a, err := newApp(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		srv.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { a.store.Close() })
	srv.Config.Handler = a.handler
	srv.Start()
	t.Cleanup(srv.Close)
	return &testApp{URL: srv.URL, store: a.store, routes: a.routes, app: a}, smtp
}

// jobNamed is the scheduled job of that name, alone, for a runner that runs only it.
func jobNamed(t *testing.T, a *testApp, name string) []jobs.Job {
	t.Helper()
	for _, j := range a.app.jobs {
		if j.Name == name {
			return []jobs.Job{j}
		}
	}
	t.Fatalf("no job %q", name)
	return nil
}
