package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
	"kovit/internal/need"
)

// TestBrowserNeedJourney walks issue 6's journey in headless Chromium, in Estonian: a
// coordinator opens a round; editors of Tartu linn, Elva vald and Viljandi vald submit
// similar needs; the coordinator sees them suggested with a score, consolidates them, maps
// the consolidated need to a measure, and the budget view and the proposal show the three
// municipalities' co-financing; Tartu's editor sees where its need went.
func TestBrowserNeedJourney(t *testing.T) {
	a := startApp(t, "sqlite")
	ctx := context.Background()
	coordinator := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	type submitter struct {
		ehak, title, cost, coFinancing string
		u                              auth.User
	}
	subs := []submitter{
		{"0793", "Dokumendihaldussüsteemi uuendamine", "120000", "18\u00a0000 €", auth.User{}},
		{"0171", "Dokumendihaldussüsteemide uuendus", "80000", "12\u00a0000 €", auth.User{}},
		{"0899", "Dokumendihaldussüsteemi uuendamine ja arhiiv", "50000", "7\u00a0500 €", auth.User{}},
	}
	for i := range subs {
		subs[i].u = a.user(t, "toimetaja-"+subs[i].ehak+"@kov.test", auth.RoleEditor, subs[i].ehak)
	}
	deadline := time.Now().AddDate(0, 0, 14).Format(time.DateOnly)
	b := startBrowser(t, a.URL)
	signOut := func() { b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Logi välja"))) }

	// 1. The coordinator opens a round.
	b.open("home page", "/", http.StatusOK)
	esSignIn(b, coordinator)
	b.open("rounds", "/rounds", http.StatusOK)
	b.fill("Voor", "IT vajadused 2027")
	b.run("deadline", chromedp.SetValue(labelled("Tähtaeg"), deadline))
	b.follow("open round", http.StatusOK, chromedp.Click(buttonNamed("Ava voor")))
	b.want("h1", "IT vajadused 2027")
	b.want("p.count", "0 omavalitsust 79-st on vajadusi esitanud.")
	roundPath := b.read("round URL", chromedp.Location())
	signOut()

	// 2. Three editors submit similar needs in the round.
	for _, s := range subs {
		esSignIn(b, s.u)
		b.open("round dashboard", strings.TrimPrefix(roundPath, a.URL), http.StatusOK)
		b.follow("new need", http.StatusOK, chromedp.Click(linkNamed("Uus vajadus")))
		b.fill("Pealkiri", s.title)
		// An empty textarea has nothing for fill's Clear to clear: type into it directly.
		b.run("description", chromedp.SendKeys(labelled("Kirjeldus"), "Praegune dokumendihaldussüsteem on vananenud ja vajab uuendamist."))
		b.choose("Kategooria", "Dokumendihaldus")
		b.fill("Hinnanguline maksumus (EUR)", s.cost)
		b.choose("Kogumisvoor", "IT vajadused 2027")
		b.follow("save draft", http.StatusOK, chromedp.Click(buttonNamed("Salvesta mustand")))
		b.want("h1", s.title)
		b.choose("Uus olek", "Esitatud")
		b.follow("submit", http.StatusOK, chromedp.Click(buttonNamed("Muuda olekut")))
		b.want("p.flash", "Salvestatud.")
		b.want("p.status-line span", "Esitatud")
		signOut()
	}
	ids := map[string]int64{}
	needs, _, err := a.store.ListNeeds(ctx, need.Filter{})
	if err != nil || len(needs) != 3 {
		t.Fatalf("needs: %d (%v)", len(needs), err)
	}
	for _, n := range needs {
		ids[n.MunicipalityEHAK] = n.ID
	}

	// 3. The coordinator sees the other two suggested on Tartu's need, with a score.
	esSignIn(b, coordinator)
	b.open("round dashboard", strings.TrimPrefix(roundPath, a.URL), http.StatusOK)
	b.want("p.count", "3 omavalitsust 79-st on vajadusi esitanud.")
	b.open("Tartu's need", "/needs/"+itoa(ids["0793"]), http.StatusOK)
	suggested := b.textsOf("tr.suggestion th")
	scores := b.textsOf("tr.suggestion td.score")
	if len(suggested) != 2 || !contains(suggested, subs[1].title) || !contains(suggested, subs[2].title) {
		b.fatalf("suggestions %q, want Elva's and Viljandi's needs", suggested)
	}
	for _, s := range scores {
		if s == "" || s == "0" {
			b.fatalf("suggestion scores %q", scores)
		}
	}

	// 4. … consolidates the three.
	b.open("consolidated needs", "/consolidated", http.StatusOK)
	b.fill("Pealkiri", "Ühine dokumendihaldussüsteem")
	b.choose("Kategooria", "Dokumendihaldus")
	for _, s := range subs {
		b.run("tick "+s.ehak, chromedp.Click(chromedp.ID("n-"+itoa(ids[s.ehak]))))
	}
	b.run("build once", chromedp.Click(chromedp.ID("f-build_once")))
	b.follow("consolidate", http.StatusOK, chromedp.Click(buttonNamed("Loo koondvajadus")))
	b.want("h1", "Ühine dokumendihaldussüsteem")
	if cohort := b.textsOf("table.cohort tbody th"); len(cohort) != 3 {
		b.fatalf("cohort %q", cohort)
	}
	consolidated := strings.TrimPrefix(b.read("URL", chromedp.Location()), a.URL)

	// 5. … adds a measure and maps the consolidated need to it.
	b.open("measures", "/measures", http.StatusOK)
	b.fill("Nimi", "KOV digipööre")
	b.fill("Rahastaja", "EL struktuurifondid")
	b.fill("Eelarve (EUR)", "1000000")
	b.fill("Omafinantseeringu osa (%)", "15")
	b.run("funds records", chromedp.Click(chromedp.ID("c-records")))
	b.follow("add measure", http.StatusOK, chromedp.Click(buttonNamed("Lisa meede")))
	b.want("h1", "KOV digipööre")
	b.open("consolidated need", consolidated, http.StatusOK)
	b.choose("Toetusmeede", "KOV digipööre")
	b.follow("map", http.StatusOK, chromedp.Click(buttonNamed("Salvesta meede")))
	b.want("p.flash", "Salvestatud.")

	// 6. The budget view and the proposal show the three municipalities' co-financing.
	b.follow("measure", http.StatusOK, chromedp.Click(linkNamed("KOV digipööre")))
	checkBudget := func() {
		rows := b.textsOf("table.budget tbody tr")
		if len(rows) != 3 {
			b.fatalf("budget rows %q", rows)
		}
		for _, s := range subs {
			found := false
			for _, r := range rows {
				found = found || strings.Contains(r, s.coFinancing)
			}
			if !found {
				b.fatalf("budget rows %q lack %s's co-financing %s", rows, s.ehak, s.coFinancing)
			}
		}
	}
	checkBudget()
	b.follow("proposal", http.StatusOK, chromedp.Click(linkNamed("Meetme ettepanek ministeeriumile")))
	b.want("h1", "Ettepanek: KOV digipööre")
	checkBudget()
	for _, name := range []string{"Tartu linn", "Elva vald", "Viljandi vald"} {
		if !contains(b.textsOf("table.budget tbody th"), name) {
			b.fatalf("proposal lacks %s", name)
		}
	}
	signOut()

	// 7. Tartu's editor sees its need's status and the measure it went to.
	esSignIn(b, subs[0].u)
	b.follow("needs", http.StatusOK, chromedp.Click(linkNamed("Vajadused")))
	b.follow("own need", http.StatusOK, chromedp.Click(linkNamed(subs[0].title)))
	b.want("p.status-line span", "Kaasatud koondvajadusse")
	trace := strings.Join(b.textsOf("ol.trace li"), "\n")
	if !strings.Contains(trace, "Ühine dokumendihaldussüsteem") || !strings.Contains(trace, "KOV digipööre") {
		b.fatalf("trace %q lacks the consolidated need and the measure", trace)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
