package main

import (
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"kovit/internal/mail/mailtest"
)

// TestBrowserOnboarding: in headless Chromium, the admin invites an editor of Tartu linn;
// the editor sets a password from the invitation mail (read from the test's SMTP server)
// and is signed in; later a forgotten password is reset from its mail, and the new
// password signs in.
func TestBrowserOnboarding(t *testing.T) {
	a, smtp := startMailApp(t, "sqlite")
	b := startBrowser(t, a.URL)
	const editor, first, second = "mari@tartu.example", "Mari-kutse-parool-1", "Mari-uus-parool-22"

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
	b.want("div.flash p", "Invited: 1.")
	b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Sign out")))

	// A mailed link opens a page that sets the password, signs in and is left signed out.
	setFromMail := func(m mailtest.Received, title, pw string) {
		t.Helper()
		b.open(title, linkIn(t, m), http.StatusOK)
		b.want("h1", title)
		b.fill("New password (at least 12 characters)", pw)
		b.fill("New password again", pw)
		b.follow("save "+title, http.StatusOK, chromedp.Click(buttonNamed("Save the password")))
		b.want("p.flash", "Your password is saved and you are signed in.")
		b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Sign out")))
	}
	setFromMail(smtp.Wait(t, 1)[0], "Accept the invitation", first)

	// Forgotten: the sign-in page leads to a reset link by mail.
	b.follow("sign-in page", http.StatusOK, chromedp.Click(linkNamed("Sign in")))
	b.follow("forgotten password", http.StatusOK, chromedp.Click(linkNamed("Forgot your password?")))
	b.fill("E-mail address", editor)
	b.follow("ask for a link", http.StatusOK, chromedp.Click(buttonNamed("Send the link")))
	b.want("p.flash", "If "+editor+" has a kovit account, a link to set a new password was sent to it. The link works for one hour.")
	setFromMail(smtp.Wait(t, 2)[1], "New password", second)
	b.signIn(editor, second, "/desk")
}
