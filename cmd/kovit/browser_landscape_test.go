package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
	"kovit/internal/landscape"
)

// TestBrowserLandscape: in headless Chromium, Elva's IT lead declares two solutions and
// signs off the landscape; Kastre's editor adopts Tartu's published practice and lands on
// the new activity of Kastre's plan.
func TestBrowserLandscape(t *testing.T) {
	a := startApp(t, "sqlite")
	ctx := context.Background()
	lead := a.user(t, "it@elva.test", auth.RoleEditor, "0171")
	if _, err := a.store.SetLead(auth.WithUser(ctx, &lead), lead.ID, true); err != nil {
		t.Fatal(err)
	}
	a.user(t, "it@kastre.test", auth.RoleEditor, "0291")
	p, err := a.store.CreatePractice(ctx, landscape.Practice{Title: "Toetuste taotlused iseteeninduses", Summary: "Kõik taotlused ühes kohas.",
		Municipalities: []string{"0793"}, Status: landscape.PracticePublished})
	if err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, a.URL)
	b.open("home page", "/", http.StatusOK)
	b.follow("switch to English", http.StatusOK, chromedp.Click(buttonNamed("In English")))
	b.signIn("it@elva.test", "parool-it@elva.test", "/desk")
	b.open("Elva's landscape", "/municipalities/0171/landscape", http.StatusOK)
	for _, name := range []string{"VOLIS", "Amphora"} {
		b.choose("Solution", name)
		b.follow("declare "+name, http.StatusOK, chromedp.Click(buttonNamed("Add to the landscape")))
		b.want("p.flash", "Saved.")
	}
	b.follow("sign off", http.StatusOK, chromedp.Click(buttonNamed("Sign off the whole landscape as IT lead")))
	b.want("p.flash", "The landscape is signed off.")
	if got := b.read("sign-off", chromedp.Text(chromedp.CSS("p.status"))); !strings.HasPrefix(got, "IT lead it@elva.test signed off the whole landscape (2 rows)") {
		b.fatalf("the sign-off reads %q", got)
	}
	b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Sign out")))

	b.signIn("it@kastre.test", "parool-it@kastre.test", "/desk")
	b.open("the practice", "/practices/"+itoa(p.ID), http.StatusOK)
	// An empty textarea has no text to clear, which b.fill does first.
	b.run("fill the differences", chromedp.SendKeys(labelled("Differences from the original"), "Ainult noorsootöö toetused."))
	b.follow("adopt", http.StatusOK, chromedp.Click(buttonNamed("Adopt this")))
	b.want("p.flash", "The practice is adopted: the activity is in your plan.")
	if where := b.read("location", chromedp.Location()); !strings.Contains(where, "/plan/activities/") {
		b.fatalf("adopted, at %s, want the new activity", where)
	}
}
