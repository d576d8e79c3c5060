package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kovit/internal/advice"
	"kovit/internal/auth"
)

// TestBrowserAdviceJourney walks issue 15's representation journey in headless Chromium,
// in Estonian: a ministry draft's round is opened with a deadline that spans Good Friday,
// and the internal deadline is computed in working days; Tartu, Tallinn and Keila comment;
// the advisor merges two comments into a point and does not adopt one, with a reason; the
// table is exported; the ministry's table is imported; each municipality is told on its
// desk and in a notification and sees the fate of its own comment.
func TestBrowserAdviceJourney(t *testing.T) {
	a := startApp(t, "sqlite")
	ctx := context.Background()
	coordinator := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	ehaks := []string{"0793", "0784", "0296"}
	comments := map[string]string{"0793": "Ülesandega peab kaasnema rahastus.", "0784": "Rahastus tuleb tagada riigieelarvest.", "0296": "Jõustumine on liiga vara."}
	editors := map[string]auth.User{}
	for _, e := range ehaks {
		editors[e] = a.user(t, "toimetaja-"+e+"@kov.test", auth.RoleEditor, e)
	}
	b := startBrowser(t, a.URL)
	signOut := func() { b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Logi välja"))) }

	// 1. The coordinator opens the round; the internal deadline counts back over Good Friday.
	b.open("home page", "/", http.StatusOK)
	esSignIn(b, coordinator)
	b.open("new round", "/comment-rounds/new", http.StatusOK)
	b.fill("Eelnõu", "Kohaliku omavalitsuse korralduse seaduse muutmise seadus")
	b.fill("Ministeerium", "Regionaal- ja Põllumajandusministeerium")
	b.run("received", chromedp.SetValue(labelled("Eelnõu saabus"), "2026-03-20"))
	b.run("deadline", chromedp.SetValue(labelled("Ministeeriumi tähtaeg"), "2026-04-10"))
	b.run("sections", chromedp.SendKeys(labelled("Eelnõu osad"), "§ 1. KOKS § 6 muutmine\nÜlesanne lisatakse.\n\n§ 2. Rakendamine\nJõustub 2027."))
	b.follow("open round", http.StatusOK, chromedp.Click(buttonNamed("Ava voor")))
	b.want("h1", "Kohaliku omavalitsuse korralduse seaduse muutmise seadus")
	facts := b.read("facts", chromedp.Text(chromedp.CSS("dl.facts")))
	if !strings.Contains(facts, "02.04.2026") || !strings.Contains(facts, "14 tööpäeva") {
		b.fatalf("facts %q lack the internal deadline 02.04.2026 and the 14 working days given", facts)
	}
	roundPath := strings.TrimPrefix(b.read("round URL", chromedp.Location()), a.URL)
	signOut()

	// 2. Three municipalities comment on the first section.
	for _, e := range ehaks {
		esSignIn(b, editors[e])
		b.open("round", roundPath, http.StatusOK)
		b.run("comment", chromedp.SendKeys(labelled("Märkus: § 1. KOKS § 6 muutmine"), comments[e]))
		b.follow("add comment", http.StatusOK, chromedp.Click(buttonNamed("Lisa märkus")))
		b.want("p.flash", "Salvestatud.")
		signOut()
	}

	// 3. The advisor adds a point, merges Tartu's and Tallinn's comments into it and does
	// not adopt Keila's, with a reason.
	esSignIn(b, coordinator)
	b.open("position", roundPath+"/position", http.StatusOK)
	b.run("point", chromedp.SendKeys(labelled("Punkti tekst"), "Uue ülesandega peab kaasnema rahastus riigieelarvest."))
	b.follow("add point", http.StatusOK, chromedp.Click(buttonNamed("Lisa punkt")))
	r, err := a.store.ListCommentRounds(ctx)
	if err != nil || len(r) != 1 {
		t.Fatal(r, err)
	}
	stored, err := a.store.RoundComments(ctx, r[0].ID)
	if err != nil || len(stored) != 3 {
		t.Fatal(stored, err)
	}
	for _, c := range stored {
		id := itoa(c.ID)
		fate := map[string]string{"0793": "Arvestatud omaette punktina", "0784": "Liidetud punkti", "0296": "Arvestamata"}[c.MunicipalityEHAK]
		b.choose(b.read("fate label", chromedp.Text(chromedp.CSS(`label[for="fate-`+id+`"]`))), fate)
		if c.MunicipalityEHAK == "0296" {
			b.run("reason", chromedp.SendKeys(chromedp.ID("why-"+id), "Jõustumisaeg on piisav."))
		} else {
			b.choose(b.read("point label", chromedp.Text(chromedp.CSS(`label[for="pt-`+id+`"]`))), "1")
		}
		b.follow("decide "+c.MunicipalityEHAK, http.StatusOK, chromedp.Submit(chromedp.ID("why-"+id)))
	}
	if by := b.read("point", chromedp.Text(chromedp.CSS("ol.points li"))); !strings.Contains(by, "Tallinn") || !strings.Contains(by, "Tartu linn") || strings.Contains(by, "Keila") {
		b.fatalf("point 1 %q should name Tallinn and Tartu linn, not Keila", by)
	}

	// 4. The table is exported (a download, read over HTTP as the coordinator).
	coordHTTP := a.as(t, coordinator)
	if status, csv := get(t, coordHTTP, a.URL+roundPath+"/position.csv"); status != 200 || !strings.Contains(csv, "Uue ülesandega peab kaasnema rahastus") {
		t.Fatalf("export: %d\n%s", status, csv)
	}

	// 5. The ministry's table comes back and is imported.
	file := filepath.Join(t.TempDir(), "vastused.csv")
	if err := os.WriteFile(file, []byte("Jrk nr;Arvestatud / mittearvestatud;Selgitus\n1;osaliselt arvestatud;Rahastus lisatakse 2028. aasta eelarvesse.\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.run("choose file", chromedp.SetUploadFiles(chromedp.ID("f-file"), []string{file}))
	b.follow("import", http.StatusOK, chromedp.Click(buttonNamed("Impordi")))
	b.want("p.flash", "Salvestatud.")
	if p, _ := a.store.Points(ctx, r[0].ID); len(p) != 1 || p[0].Disposition != advice.PartlyAccepted {
		b.fatalf("points after the import: %+v", p)
	}
	signOut()

	// 6. Each municipality is told on its desk and in a notification, and follows the
	// desk to what happened to its own comment, and not the others'.
	want := map[string]string{"0793": "Arvestatud omaette punktina", "0784": "Liidetud punkti", "0296": "Arvestamata: Jõustumisaeg on piisav."}
	for _, e := range ehaks {
		esSignIn(b, editors[e])
		b.open("notifications", "/notifications", http.StatusOK)
		if n := b.read("notifications", chromedp.Text(chromedp.CSS("main"))); !strings.Contains(n, "Ministeerium vastas eelnõu ettepanekutele") {
			b.fatalf("%s is not told of the ministry's answer: %q", e, n)
		}
		b.open("desk", "/desk", http.StatusOK)
		if d := b.read("desk", chromedp.Text(chromedp.CSS("main"))); !strings.Contains(d, "Ministeerium vastas ettepanekutele") {
			b.fatalf("%s's desk does not show the ministry's answer: %q", e, d)
		}
		b.follow("the outcome on the desk", http.StatusOK, chromedp.Click(chromedp.CSS(`ol.desk a[href="`+roundPath+`/position"]`)))
		mine := b.read("own comments", chromedp.Text(chromedp.CSS("section[aria-labelledby=mine-h] tbody")))
		if !strings.Contains(mine, want[e]) || !strings.Contains(mine, comments[e]) {
			b.fatalf("%s sees %q, want its comment with %q", e, mine, want[e])
		}
		if e != "0296" && !strings.Contains(mine, "Osaliselt arvestatud") {
			b.fatalf("%s does not see the ministry's disposition: %q", e, mine)
		}
		for other, text := range comments {
			if other != e && strings.Contains(mine, text) {
				b.fatalf("%s sees %s's comment", e, other)
			}
		}
		signOut()
	}
}
