package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"kovit/internal/auth"
	"kovit/internal/consult"
)

// TestBrowserCommenterEID: a member of the public opens a consultation that allows the
// public, goes to its sign-up page, signs in with eID instead of an e-mail address, is
// brought back to the consultation signed in by the name the gateway gave, and comments;
// the comment waits for moderation.
func TestBrowserCommenterEID(t *testing.T) {
	p := newTestProvider(t)
	a, _ := startJourneyApp(t, p)
	ctx := context.Background()
	coordinator := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	cctx := auth.WithUser(ctx, &coordinator)
	c := openedConsultation(t, a, cctx, "IKT strateegia 2031", true)
	p.signInAs("EE49403136526", "", false)
	p.claims = map[string]any{"profile_attributes": map[string]any{"given_name": "Liis", "family_name": "Kask"}}
	path := "/consultations/" + itoa(c.ID)

	b := startBrowser(t, a.URL)
	b.open("consultation", path, http.StatusOK)
	b.follow("sign-up page", http.StatusOK, chromedp.Click(linkNamed("Kommenteeri avalikkuse liikmena: kinnitage oma e-posti aadress")))
	b.follow("sign in with eID", http.StatusOK, chromedp.Click(linkNamed("Logi sisse eID-ga (Test ID)")))
	if where := b.read("location", chromedp.Location()); !strings.HasPrefix(where, a.URL+path) {
		b.fatalf("the eID sign-up landed on %s", where)
	}
	b.want("p.flash", "Olete eID-ga sisse logitud: võite nüüd kommenteerida.")
	b.want(`header a[href="/account"]`, "Liis Kask")
	b.choose("Osa", "Eesmärk")
	b.run("comment", chromedp.SendKeys(labelled("Kommentaar"), "Avalik: lisage ka paberkanal."))
	b.follow("send comment", http.StatusOK, chromedp.Click(buttonNamed("Saada kommentaar")))
	b.want("p.flash", "Kommentaar on saadetud ja avaldatakse pärast modereerimist.")

	cs, _, err := a.store.Comments(cctx, consult.CommentFilter{ConsultationID: c.ID, Limit: 10})
	if err != nil || len(cs) != 1 || cs[0].Status != consult.Pending || cs[0].AuthorName != "Liis Kask" {
		t.Fatalf("the comment: %+v %v", cs, err)
	}
}
