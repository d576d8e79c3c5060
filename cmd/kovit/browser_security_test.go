package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/security"
)

// TestBrowserSecurityJourney: in headless Chromium, a coordinator opens a self-assessment
// round; Saue vald's editor answers three modules (one left out with a reason, one
// implemented with evidence, one not implemented, which becomes an activity in Saue's own
// plan) and management signs off. Once the round is published, the public page shows the
// peer-group aggregate and nothing of Saue's answers.
func TestBrowserSecurityJourney(t *testing.T) {
	a := startApp(t, "sqlite")
	coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	a.user(t, "it@saue.test", auth.RoleEditor, "0726")
	ctx := auth.WithUser(context.Background(), &coordUser)
	saueOrg := municipalityOrg(t, a, "0726")
	if _, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Saue valla IT-arengukava", StartYear: 2026, EndYear: 2028,
		Status: plan.Draft, OwnerID: &saueOrg}); err != nil {
		t.Fatal(err)
	}
	b := startBrowser(t, a.URL)
	now := time.Now()

	// 1. The coordinator opens the round.
	b.open("home page", "/", http.StatusOK)
	b.follow("switch to English", http.StatusOK, chromedp.Click(buttonNamed("In English")))
	b.signIn("kati@kovit.test", "parool-kati@kovit.test", "/desk")
	b.open("security", "/security", http.StatusOK)
	b.fill("Title", "E-ITS enesehindamine 2026")
	b.run("deadline", chromedp.SetValue(labelled("Deadline"), security.Day(now.AddDate(0, 0, 7))))
	b.run("correction", chromedp.SetValue(labelled("Correction window until"), security.Day(now.AddDate(0, 0, 14))))
	b.run("publication", chromedp.SetValue(labelled("Publication date"), security.Day(now.AddDate(0, 0, 30))))
	b.follow("open the round", http.StatusOK, chromedp.Click(buttonNamed("Open the round")))
	b.want("h1", "E-ITS enesehindamine 2026")
	b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Sign out")))
	rounds, err := a.store.SecurityRounds(ctx)
	if err != nil || len(rounds) != 1 {
		t.Fatalf("rounds %v %v", rounds, err)
	}
	rd := rounds[0]

	// 2. Saue's editor answers from the desk.
	b.signIn("it@saue.test", "parool-it@saue.test", "/desk")
	b.follow("the assessment", http.StatusOK, chromedp.Click(linkNamed("E-ITS enesehindamine 2026")))
	module := func(code string) { b.follow(code, http.StatusOK, chromedp.Click(linkNamed(code))) }
	back := func() { b.follow("back", http.StatusOK, chromedp.Click(linkNamed("Saue vald"))) }
	module("INF.14")
	b.run("leave out", chromedp.Click(labelled("No, leave it out")))
	b.run("reason", chromedp.SendKeys(labelled("Reason for leaving it out"), "Vallamajas pole hooneautomaatikat")) // an empty textarea: nothing to clear
	b.follow("save INF.14", http.StatusOK, chromedp.Click(buttonNamed("Save")))
	back()
	module("ISMS.1")
	b.run("implemented", chromedp.SetValue(labelled("Status"), "implemented"))
	b.follow("implemented without evidence", http.StatusUnprocessableEntity, chromedp.Click(buttonNamed("Save")))
	b.fill("Evidence (a link or a note)", "https://www.sauevald.ee/infoturve")
	b.follow("save ISMS.1", http.StatusOK, chromedp.Click(buttonNamed("Save")))
	back()
	module("CON.3")
	b.run("not implemented", chromedp.SetValue(labelled("Status"), "not_implemented"))
	b.run("justification", chromedp.SendKeys(labelled("Justification"), "Varundus tehakse veel käsitsi"))
	b.fill("Owner", "Peeter Põder")
	b.run("due", chromedp.SetValue(labelled("Due date"), "2027-03-31"))
	b.follow("save CON.3", http.StatusOK, chromedp.Click(buttonNamed("Save")))
	b.follow("make an activity", http.StatusOK, chromedp.Click(buttonNamed("Make this an activity in your own plan")))
	if where := b.read("location", chromedp.Location()); !strings.Contains(where, "/plan/activities/") {
		b.fatalf("the activity did not open: %s", where)
	}
	b.want("h1", "EITS-CON.3 E-ITS: CON.3")

	// 3. Management signs off.
	b.open("assessment", "/security/rounds/"+itoa(rd.ID)+"/municipalities/0726", http.StatusOK)
	b.fill("Signed off by (management)", "Vallavanem Andres Laisk")
	b.run("signed on", chromedp.SetValue(labelled("Sign-off date"), security.Day(now)))
	b.follow("sign off", http.StatusOK, chromedp.Click(buttonNamed("Save")))
	b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Sign out")))

	// 4. Five more municipalities answer; the round is then published (its dates moved
	// into the past, as time would).
	for _, ehak := range []string{"0784", "0793", "0296", "0198", "0653"} {
		if _, err := a.store.SaveSecurityAnswer(ctx, rd.ID, ehak, security.Answer{ModuleCode: "ISMS.1", Applies: true,
			Status: security.Implemented, Evidence: "Kord"}); err != nil {
			t.Fatal(err)
		}
	}
	rd.Deadline, rd.CorrectionUntil, rd.PublishOn = security.Day(now.AddDate(0, 0, -3)), security.Day(now.AddDate(0, 0, -2)), security.Day(now.AddDate(0, 0, -1))
	if _, err := a.store.UpdateSecurityRound(ctx, rd); err != nil {
		t.Fatal(err)
	}
	b.open("public aggregates", "/security/rounds/"+itoa(rd.ID)+"/aggregates", http.StatusOK)
	b.want("table.data tbody th", "Whole country")
	shown := b.read("page", chromedp.Text(chromedp.CSS("main")))
	for _, secret := range []string{"Saue", "Vallamajas pole hooneautomaatikat", "sauevald.ee", "Peeter Põder", "Andres Laisk"} {
		if strings.Contains(shown, secret) {
			b.fatalf("the public aggregates show %q", secret)
		}
	}
	b.open("Saue's assessment, as the public", "/security/rounds/"+itoa(rd.ID)+"/municipalities/0726", http.StatusOK)
	if where := b.read("location", chromedp.Location()); !strings.Contains(where, "/sign-in") {
		b.fatalf("the public reached Saue's assessment: %s", where)
	}
}
