package main

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/auth"
)

// A new draft citing a paragraph puts the knowledge-base entries tagged with it on the
// coordinators' desk for review, with the draft that cites it, and only those; a new
// review date takes an entry off; an editor's desk never shows them.
func TestReviewFlagOnDesk(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a := startApp(t, engine)
		coordUser, ctx := asCoordinator(t, a)
		cited, err := a.store.CreateEntry(ctx, advice.Entry{Title: "Valla ülesannete laiendamine", Answer: "Uus ülesanne vajab rahastust.",
			Topic: advice.TopicLaw, Tags: []string{"KOKS § 6"}, Visibility: advice.Public})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.CreateEntry(ctx, advice.Entry{Title: "Dokumendiregistri avalikustamine", Answer: "Register avalikustatakse.",
			Topic: advice.TopicLaw, Tags: []string{"AvTS § 12"}, Visibility: advice.Public}); err != nil {
			t.Fatal(err)
		}
		coord := a.as(t, coordUser)
		editor := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
		if _, desk := get(t, coord, a.URL+"/desk"); strings.Contains(desk, "Teadmusbaasi kirje vajab ülevaatust") {
			t.Fatal("an entry is flagged before any draft cites it")
		}
		if st, b := postForm(t, coord, a.URL+"/comment-rounds", url.Values{"title": {"Kohaliku omavalitsuse korralduse seaduse muutmise seadus"},
			"ministry": {"Regionaal- ja Põllumajandusministeerium"}, "received_on": {"2026-03-20"}, "ministry_deadline": {"2099-04-10"},
			"public": {"true"}, "all": {"true"}, "sections": {"§ 1. Muudatus\nKOKS §6 lõiget 1 täiendatakse punktiga 41."}}); st != 303 {
			t.Fatalf("open the round: %d %.300s", st, b)
		}
		_, desk := get(t, coord, a.URL+"/desk")
		link := `href="/kb/` + itoa(cited.ID) + `"`
		if !strings.Contains(desk, "Teadmusbaasi kirje vajab ülevaatust") || !strings.Contains(desk, link) ||
			!strings.Contains(desk, "Kohaliku omavalitsuse korralduse seaduse muutmise seadus") || strings.Contains(desk, "Dokumendiregistri avalikustamine") {
			t.Errorf("the coordinator's desk does not flag exactly the entry tagged KOKS § 6:\n%.3000s", desk)
		}
		if _, d := get(t, editor, a.URL+"/desk"); strings.Contains(d, link) {
			t.Error("an editor's desk shows an entry to review")
		}
		e, err := a.store.Entry(context.Background(), cited.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.ReviewedOn = "2026-12-01"
		if _, err := a.store.UpdateEntry(ctx, e); err != nil {
			t.Fatal(err)
		}
		if _, desk := get(t, coord, a.URL+"/desk"); strings.Contains(desk, link) {
			t.Error("a reviewed entry stays on the desk")
		}
	})
}
