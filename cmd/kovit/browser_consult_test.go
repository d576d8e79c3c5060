package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
	"kovit/internal/consult"
)

// TestBrowserConsultationJourney walks the consultation part of issue 16's journey in
// headless Chromium, in Estonian: the association opens a consultation on a two-section
// draft; two municipalities comment on passages, and a member of the public, signed up by
// e-mail confirmation (the link read from the mail), comments too; the
// coordinator publishes the public's comment, closes the consultation, publishes version
// 2, disposes of each comment with a reason, and the comments table shows the trace to
// the changed text and the strategy item.
func TestBrowserConsultationJourney(t *testing.T) {
	a, smtp := startMailApp(t, "sqlite")
	ctx := context.Background()
	coordinator := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	tartu := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
	tallinn := a.user(t, "tiit@tallinn.test", auth.RoleEditor, "0784")
	item := nationalItem(t, a)
	b := startBrowser(t, a.URL)
	signOut := func() { b.follow("sign out", http.StatusOK, chromedp.Click(buttonNamed("Logi välja"))) }
	today := time.Now().UTC()

	// 1. The coordinator drafts and opens the consultation.
	b.open("home page", "/", http.StatusOK)
	esSignIn(b, coordinator)
	b.open("new consultation", "/consultations/new", http.StatusOK)
	b.fill("Pealkiri", "IKT strateegia 2031")
	b.run("dates", chromedp.SetValue(labelled("Kommenteerimine algab"), today.AddDate(0, 0, -1).Format(time.DateOnly)),
		chromedp.SetValue(labelled("Kommenteerimine lõpeb"), today.AddDate(0, 0, 14).Format(time.DateOnly)),
		chromedp.Click(labelled("Ka avalikkus võib kommenteerida (modereeritult)")))
	b.run("text", chromedp.SendKeys(labelled("Dokumendi tekst"), "# Eesmärk\nKõik teenused e-kanalis.\n# Tegevused\nArendame iseteeninduse."))
	b.follow("save draft", http.StatusOK, chromedp.Click(buttonNamed("Salvesta kavandina")))
	b.want("h1", "IKT strateegia 2031")
	path := strings.TrimPrefix(b.read("consultation URL", chromedp.Location()), a.URL)
	b.choose("Uus etapp", "Avatud kommenteerimiseks")
	b.follow("open", http.StatusOK, chromedp.Click(buttonNamed("Muuda etappi")))
	b.want("p.flash", "Salvestatud.")
	signOut()

	// 2. A member of the public signs up by e-mail; the link signs them in.
	b.open("consultation", path, http.StatusOK)
	b.follow("sign-up page", http.StatusOK, chromedp.Click(linkNamed("Kommenteeri avalikkuse liikmena: kinnitage oma e-posti aadress")))
	b.fill("Nimi", "Jaan Tamm")
	b.fill("E-posti aadress", "jaan@avalik.test")
	b.follow("send the link", http.StatusOK, chromedp.Click(buttonNamed("Saada link")))
	b.want("p.flash", "Kui aadressile jaan@avalik.test saab kirju saata, saatsime sinna lingi. Link kehtib ühe tunni ja ühe korra.")
	text := smtp.Wait(t, 1)[0].Text
	link := strings.Fields(text[strings.Index(text, testBaseURL):])[0]
	b.open("the mailed link", strings.TrimPrefix(link, testBaseURL), http.StatusOK)
	b.follow("confirm", http.StatusOK, chromedp.Click(buttonNamed("Kinnita ja kommenteeri")))
	b.want("p.flash", "Aadress on kinnitatud: võite nüüd kommenteerida.")
	b.choose("Osa", "Eesmärk")
	b.run("comment", chromedp.SendKeys(labelled("Kommentaar"), "Avalik: hea mõte."))
	b.follow("send comment", http.StatusOK, chromedp.Click(buttonNamed("Saada kommentaar")))
	b.want("p.flash", "Kommentaar on saadetud ja avaldatakse pärast modereerimist.")
	signOut()

	// 3. Two municipalities comment on passages.
	for _, c := range []struct {
		u                      auth.User
		section, passage, body string
		flash                  string
	}{
		{tartu, "Tegevused", "iseteeninduse", "Tartu: tehkem iseteenindus ühiseks.", "Kommentaar on avaldatud."},
		{tallinn, "Eesmärk", "e-kanalis", "Tallinn: lisage paberkanal.", "Kommentaar on avaldatud."},
	} {
		esSignIn(b, c.u)
		b.open("consultation", path, http.StatusOK)
		b.choose("Osa", c.section)
		if c.passage != "" {
			b.run("passage", chromedp.SendKeys(labelled("Lõik, mida kommentaar puudutab"), c.passage))
		}
		b.run("comment", chromedp.SendKeys(labelled("Kommentaar"), c.body))
		b.follow("send comment", http.StatusOK, chromedp.Click(buttonNamed("Saada kommentaar")))
		b.want("p.flash", c.flash)
		signOut()
	}

	// 4. The coordinator publishes the public's comment, closes, publishes version 2.
	esSignIn(b, coordinator)
	b.open("moderation queue", path+"/comments?status=pending", http.StatusOK)
	b.follow("publish", http.StatusOK, chromedp.Click(buttonNamed("Avalda")))
	b.open("consultation", path, http.StatusOK)
	b.choose("Uus etapp", "Suletud")
	b.follow("close", http.StatusOK, chromedp.Click(buttonNamed("Muuda etappi")))
	b.follow("new version", http.StatusOK, chromedp.Click(linkNamed("Uus versioon")))
	b.run("version text", chromedp.SetValue(labelled("Dokumendi tekst"), "# Eesmärk\nKõik teenused e-kanalis.\n\n# Tegevused\nArendame ühise iseteeninduse."))
	b.fill("Mis muutus", "Tartu ettepanek")
	b.follow("publish version", http.StatusOK, chromedp.Click(buttonNamed("Avalda versioon")))
	b.want("h1", "Versioonide 1 ja 2 erinevused")
	b.want("table.diff ins", "ühise")

	// 5. Each comment gets its disposition; Tartu's changed the text and an activity.
	comments, _, err := a.store.Comments(ctx, consult.CommentFilter{ConsultationID: consultID(t, path), Limit: 10})
	if err != nil || len(comments) != 3 {
		t.Fatalf("comments: %+v %v", comments, err)
	}
	for _, k := range comments {
		id := itoa(k.ID)
		row := `//tr[@id="c` + id + `"]`
		b.open("comments table", path+"/comments", http.StatusOK)
		b.run("open the form", chromedp.Click(chromedp.Search(row+"//summary")))
		kind, changed := "declined", ""
		if strings.HasPrefix(k.Body, "Tartu") {
			kind, changed = "accepted", "2"
		} else if strings.HasPrefix(k.Body, "Avalik") {
			kind = "partly"
		}
		b.run("disposition", chromedp.SetValue(chromedp.CSS("#f-disposition-"+id), kind),
			chromedp.SendKeys(chromedp.CSS("#f-reason-"+id), "Põhjendus "+id))
		if changed != "" {
			b.run("trace", chromedp.SendKeys(chromedp.CSS("#f-changed_in-"+id), changed), chromedp.SendKeys(chromedp.CSS("#f-item_id-"+id), itoa(item.ID)))
		}
		b.follow("dispose", http.StatusOK, chromedp.Click(chromedp.Search(row+`//button[normalize-space()="Salvesta vastus"]`)))
		b.want("p.flash", "Salvestatud.")
	}
	b.open("comments table", path+"/comments", http.StatusOK)
	tartuRow := `tr#c` + itoa(comments[0].ID)
	for _, k := range comments {
		if strings.HasPrefix(k.Body, "Tartu") {
			tartuRow = `tr#c` + itoa(k.ID)
		}
	}
	b.want(tartuRow+` a[href*="/diff?to=2"]`, "Tekst muutus versioonis 2")
	if got := b.read("item", chromedp.Text(chromedp.CSS(tartuRow+` a[href^="/plan/"]`))); !strings.Contains(got, item.Code) {
		t.Errorf("the strategy item reads %q, want its code %s", got, item.Code)
	}
}

func consultID(t *testing.T, path string) int64 {
	t.Helper()
	var id int64
	for _, c := range strings.TrimPrefix(path, "/consultations/") {
		if c < '0' || c > '9' {
			break
		}
		id = id*10 + int64(c-'0')
	}
	if id == 0 {
		t.Fatalf("no consultation id in %s", path)
	}
	return id
}
