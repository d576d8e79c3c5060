package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBrowserJourney walks the main journey in headless Chromium: a newcomer finds a
// municipality and switches to English, the admin makes an editor, and the editor keeps
// their own municipality's contact details and is refused another's.
func TestBrowserJourney(t *testing.T) {
	a := startApp(t, "sqlite")
	b := startBrowser(t, a.URL)

	// 1–2. A newcomer finds Põltsamaa vald from the home page.
	b.open("home page", "/", http.StatusOK)
	b.want("h1", "Kohalike omavalitsuste IT-arenduse ühine töölaud")
	b.fill("Otsi nime järgi", "Põlt")
	b.follow("search", http.StatusOK, chromedp.Click(buttonNamed("Otsi")))
	b.want("h1", "Omavalitsused")
	b.want("p.count", "1 omavalitsus")
	if names := b.listNames(); len(names) != 1 || names[0] != "Põltsamaa vald" {
		t.Fatalf("search for Põlt lists %q, want only Põltsamaa vald", names)
	}

	// 3. English, kept across a reload and on other pages.
	b.follow("switch to English", http.StatusOK, chromedp.Click(buttonNamed("In English")))
	b.want("h1", "Municipalities")
	b.want("p.count", "1 municipality")
	b.run("reload", chromedp.Reload())
	b.want("h1", "Municipalities")
	b.follow("home in English", http.StatusOK, chromedp.Click(chromedp.CSS("a.brand")))
	b.want("h1", "The shared desk for local-government IT development")

	// 4. The admin signs in.
	b.signIn("admin@kovit.test", "admin-parool-1", "/desk")
	b.want("p.flash", "You are signed in.")

	// 5. … and adds an editor for Tartu linn with a generated password.
	const editor, newPassword = "mari@tartu.example", "Mari-uus-parool-2"
	b.follow("users", http.StatusOK, chromedp.Click(linkNamed("Users")))
	b.follow("add user", http.StatusOK, chromedp.Click(linkNamed("Add user")))
	b.fill("E-mail address", editor)
	b.fill("Name", "Mari Maasikas")
	b.choose("Role", "editor")
	b.choose("Municipality (editors only)", "Tartu linn")
	b.follow("create user", http.StatusCreated, chromedp.Click(buttonNamed("Save")))
	b.want("h1", "The user has been created")
	temporary := b.read("temporary password", chromedp.Text(chromedp.ID("initial-password")))
	if len(temporary) < 10 {
		t.Fatalf("temporary password %q is too short", temporary)
	}

	// 6. The editor signs in with it and must change it first.
	b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Sign out")))
	b.want("h1", "The shared desk for local-government IT development")
	b.signIn(editor, temporary, "/account")
	b.want("p.flash", "Please replace the temporary password with one of your own.")
	b.fill("Current password", temporary)
	b.fill("New password (at least 12 characters)", newPassword)
	b.fill("New password again", newPassword)
	b.follow("change password", http.StatusOK, chromedp.Click(buttonNamed("Change password")))
	b.want("p.flash", "Your password has been changed.")

	// 7. The editor fills in Tartu's IT contact.
	b.follow("own municipality", http.StatusOK, chromedp.Click(linkNamed("0793")))
	b.want("h1", "Tartu linn")
	b.want("#contact-h + p", "No IT contact has been added yet.")
	b.follow("edit", http.StatusOK, chromedp.Click(linkNamed("Edit contact details")))
	b.want("h1", "Tartu linn: edit contact details")
	saved := itContact{Name: "Mari Maasikas", Email: "it@tartu.example", Phone: "+372 736 1100"}
	b.fill("Contact person", saved.Name)
	b.fill("E-mail", saved.Email)
	b.fill("Phone", saved.Phone)
	b.follow("save contact", http.StatusOK, chromedp.Click(buttonNamed("Save")))
	b.want("p.flash", "Saved.")
	b.want("h1", "Tartu linn")
	b.wantContact(saved)

	// A bad e-mail address comes back with the field marked, and nothing is saved.
	b.follow("edit again", http.StatusOK, chromedp.Click(linkNamed("Edit contact details")))
	b.fill("Contact person", "Jaan Tamm")
	b.fill("E-mail", "not-an-address")
	b.follow("save bad e-mail", http.StatusUnprocessableEntity, chromedp.Click(buttonNamed("Save")))
	b.want(".error-summary p", "Please correct the marked fields.")
	b.want("#e-contact_email", "Enter an e-mail address like name@office.ee.")
	if v := b.read("contact person", chromedp.Value(labelled("Contact person"))); v != "Jaan Tamm" {
		t.Errorf("after a failed save the form shows contact person %q, want what was typed", v)
	}
	if m, err := a.store.Municipality(context.Background(), "0793"); err != nil || itContact(m.Contact) != saved {
		t.Fatalf("after a failed save Tartu's contact is %+v (%v), want %+v", m.Contact, err, saved)
	}
	b.follow("cancel", http.StatusOK, chromedp.Click(linkNamed("Cancel")))
	b.wantContact(saved)

	// 8. Tallinn is not the editor's to change: in the browser and for a plain client.
	b.open("Tallinn's edit page", "/municipalities/0784/edit", http.StatusForbidden)
	b.want("h1", "Error (403)")
	b.want("main p", "You do not have permission to do that.")
	if status, _ := get(t, a.signedIn(t, editor, newPassword), a.URL+"/municipalities/0784/edit"); status != http.StatusForbidden {
		t.Errorf("GET Tallinn's edit page as Tartu's editor: status %d, want 403", status)
	}

	png, err := runStep(b, chromedp.FullScreenshot(100))
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("screenshot: %v (%d bytes)", err, len(png))
	}
	shot := filepath.Join(t.TempDir(), "journey.png")
	if err := os.WriteFile(shot, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the last page: %s (%d bytes)", shot, len(png))
}

// browser is one headless Chromium tab on the app. Its helpers fail the test with the
// step and the page they were on, so a broken journey says where it broke.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

// startBrowser starts Chromium from KOVIT_TEST_CHROMIUM (default /usr/bin/chromium) with a
// fresh profile. A missing browser fails the test: a skipped journey proves nothing.
func startBrowser(t *testing.T, base string) *browser {
	t.Helper()
	exe := cmp.Or(os.Getenv("KOVIT_TEST_CHROMIUM"), "/usr/bin/chromium")
	if _, err := os.Stat(exe); err != nil {
		t.Fatalf("the browser test needs Chromium; set KOVIT_TEST_CHROMIUM to its path: %v", err)
	}
	profile := t.TempDir() // made first, so it is removed after the browser has stopped
	ctx, cancelTimeout := context.WithTimeout(context.Background(), 90*time.Second)
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
	)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(func() { cancelTab(); cancelAlloc(); cancelTimeout() })
	// The first run starts the browser and ties it to ctx, so it must not be a step's
	// shorter context.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	return &browser{t: t, ctx: ctx, base: base}
}

// stepTimeout is how long one step may wait for its page or element.
const stepTimeout = 10 * time.Second

// runStep runs one action with the step's time limit.
func runStep[T any](b *browser, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// fatalf stops the test, saying which page the browser was on and what it showed.
func (b *browser) fatalf(format string, args ...any) {
	b.t.Helper()
	where, _ := runStep(b, chromedp.Location())
	shown, _ := runStep(b, chromedp.Evaluate[string](`document.querySelector("main")?.innerText ?? ""`))
	b.t.Fatalf("%s\npage %s shows:\n%.800s", fmt.Sprintf(format, args...), where, shown)
}

func (b *browser) run(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if _, err := runStep(b, chromedp.Steps(actions...)); err != nil {
		b.fatalf("%s: %v", step, err)
	}
}

// open loads path and checks the status of the answer.
func (b *browser) open(step, path string, status int) {
	b.t.Helper()
	res, err := runStep(b, chromedp.NavigateResponse(b.base+path))
	b.wantStatus(step, res, err, status)
}

// follow runs actions that load a page (a click on a link or a button) and checks the
// status of the page that loads, after any redirect.
func (b *browser) follow(step string, status int, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	res, err := chromedp.RunResponse(ctx, actions...)
	b.wantStatus(step, res, err, status)
}

func (b *browser) wantStatus(step string, res *network.Response, err error, status int) {
	b.t.Helper()
	if err != nil {
		b.fatalf("%s: %v", step, err)
	}
	if res.Status != int64(status) {
		b.fatalf("%s: status %d, want %d", step, res.Status, status)
	}
}

func (b *browser) signIn(email, password, landing string) {
	b.t.Helper()
	b.follow("sign-in page", http.StatusOK, chromedp.Click(linkNamed("Sign in")))
	b.fill("E-mail address", email)
	b.fill("Password", password)
	b.follow("sign in as "+email, http.StatusOK, chromedp.Click(buttonNamed("Sign in")))
	if where := b.read("location", chromedp.Location()); !strings.HasSuffix(where, landing) {
		b.fatalf("signed in as %s at %s, want %s", email, where, landing)
	}
}

// fill types value into the field with the label, as a user would, replacing what the
// page put there. (Clear, not SetValue(""): chromedp sends an empty string argument as
// undefined, so the field would read "undefined".)
func (b *browser) fill(label, value string) {
	b.t.Helper()
	b.run("fill "+label, chromedp.Clear(labelled(label)), chromedp.SendKeys(labelled(label), value))
}

// choose picks the option shown as text in the select with the label.
func (b *browser) choose(label, text string) {
	b.t.Helper()
	opt := chromedp.Search(string(labelled(label)) + "/option[normalize-space()=" + xpathString(text) + "]")
	v, err := runStep(b, chromedp.AttributeValue(opt, "value"))
	if err != nil {
		b.fatalf("choose %s in %s: %v", text, label, err)
	}
	b.run("choose "+text, chromedp.SetValue(labelled(label), v.Value))
}

// read returns a text that a (reading) action gets from the page.
func (b *browser) read(what string, a chromedp.Action[string]) string {
	b.t.Helper()
	s, err := runStep(b, a)
	if err != nil {
		b.fatalf("read %s: %v", what, err)
	}
	return strings.TrimSpace(s)
}

// want checks the visible text of the first element that matches the CSS selector.
func (b *browser) want(css, text string) {
	b.t.Helper()
	if got := b.read(css, chromedp.Text(chromedp.CSS(css))); got != text {
		b.fatalf("%s reads %q, want %q", css, got, text)
	}
}

// itContact has the fields of municipality.Contact; in this package "municipality" names
// a permission scope, so the type cannot be named directly.
type itContact struct{ Name, Email, Phone string }

// wantContact checks the IT contact shown on a municipality's page.
func (b *browser) wantContact(c itContact) {
	b.t.Helper()
	b.want(`section[aria-labelledby="contact-h"] dd:nth-of-type(1)`, c.Name)
	b.want(`section[aria-labelledby="contact-h"] dd:nth-of-type(2)`, c.Email)
	b.want(`section[aria-labelledby="contact-h"] dd:nth-of-type(3)`, c.Phone)
}

// listNames returns the names in the municipality list on the page.
func (b *browser) listNames() []string {
	b.t.Helper()
	names, err := runStep(b, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("table.data tbody th")].map(th => th.textContent.trim())`))
	if err != nil {
		b.fatalf("municipality list: %v", err)
	}
	return names
}

// labelled, buttonNamed and linkNamed find elements the way a user does: by label and by text.
func labelled(label string) chromedp.Search {
	return chromedp.Search("//*[@id=//label[normalize-space()=" + xpathString(label) + "]/@for]")
}

func buttonNamed(text string) chromedp.Search {
	return chromedp.Search("//button[normalize-space()=" + xpathString(text) + "]")
}

func linkNamed(text string) chromedp.Search {
	return chromedp.Search("//a[normalize-space()=" + xpathString(text) + "]")
}

// xpathString makes an XPath string literal; the texts here have no double quotes.
func xpathString(s string) string { return `"` + s + `"` }
