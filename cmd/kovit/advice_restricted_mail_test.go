package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/notify"
)

// The daily digest carries a restricted draft, and what becomes of its comments, only to
// the people it names: neither a colleague of the named editor, another municipality's
// editor nor a reader is mailed of it, whether the draft was restricted from the start
// or only after its first notifications were written (which its list no longer shows).
func TestRestrictedRoundDigest(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startNotifyApp(t, engine)
		_, ctx := asCoordinator(t, a)
		named := a.user(t, "named@tartu.test", auth.RoleEditor, "0793")
		others := []auth.User{a.user(t, "other@tartu.test", auth.RoleEditor, "0793"), a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"),
			a.user(t, "reader@ministry.test", auth.RoleReader, "")}
		daily := notify.Prefs{notify.CommentRoundOpened: notify.Daily, notify.CommentReminder: notify.Daily, notify.CommentOutcome: notify.Daily}
		for _, u := range append([]auth.User{named}, others...) {
			if err := a.store.SetNotificationSettings(context.Background(), u.ID, notify.Settings{Lang: "et", Prefs: daily}); err != nil {
				t.Fatal(err)
			}
		}
		secret, err := a.store.CreateCommentRound(ctx, advice.Round{Title: "Salaeelnõu Kvarts", Ministry: "Ministeerium", ReceivedOn: "2026-11-20",
			MinistryDeadline: "2027-01-20", InternalDeadline: "2027-01-13", Viewers: []int64{named.ID}, Recipients: []string{"0793", "0784"},
			Sections: []advice.Section{{Heading: "§ 1 Kvartsilõik"}}})
		if err != nil {
			t.Fatal(err)
		}
		c, err := a.store.AddComment(auth.WithUser(context.Background(), &named), advice.Comment{RoundID: secret.ID, MunicipalityEHAK: "0793", Body: "Märkus"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.RemindRound(ctx, secret.ID, ""); err != nil {
			t.Fatal(err)
		}
		p, err := a.store.AddPoint(ctx, advice.Point{RoundID: secret.ID, Text: "Punkt"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.DecideComment(ctx, c.ID, advice.Decision{Fate: advice.Adopted, PointID: &p.ID, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		if err := a.store.ImportDispositions(ctx, secret.ID, []advice.DispositionRow{{Number: 1, Disposition: advice.Accepted}}); err != nil {
			t.Fatal(err)
		}
		// Opened as public by mistake, then restricted before the digest went out.
		late, err := a.store.CreateCommentRound(ctx, advice.Round{Title: "Hilja piiratud Graniit", Ministry: "Ministeerium", ReceivedOn: "2026-11-20",
			MinistryDeadline: "2027-01-20", InternalDeadline: "2027-01-13", Public: true, Recipients: []string{"0793", "0784"},
			Sections: []advice.Section{{Heading: "§ 1"}}})
		if err != nil {
			t.Fatal(err)
		}
		// The public phase told the other editors: restricting the draft takes that back.
		for _, u := range others[:2] {
			wrote := false
			for _, n := range notificationsOf(t, a, u) {
				wrote = wrote || strings.Contains(n.Title, "Graniit")
			}
			if !wrote {
				t.Errorf("%s was not told of the draft while it was public", u.Email)
			}
		}
		late.Public, late.Viewers = false, []int64{named.ID}
		if _, err := a.store.UpdateCommentRound(ctx, late); err != nil {
			t.Fatal(err)
		}

		for _, u := range others[:2] {
			if _, b := get(t, a.as(t, u), a.URL+"/notifications"); strings.Contains(b, "Graniit") {
				t.Errorf("%s's notifications show the draft once restricted", u.Email)
			}
		}
		if _, err := a.app.notify.Send(context.Background(), time.Date(2026, 12, 2, 7, 1, 0, 0, kovit.Estonia)); err != nil {
			t.Fatal(err)
		}
		got := byRecipient(smtp.Messages())
		if len(got[named.Email]) != 1 || !strings.Contains(got[named.Email][0].Text, "Kvarts") || !strings.Contains(got[named.Email][0].Text, "Graniit") ||
			!strings.Contains(got[named.Email][0].Text, "Ministeerium vastas eelnõu ettepanekutele") ||
			!strings.Contains(got[named.Email][0].Text, "Teie märkus arvestati omaette punktina 1; ministeerium: Arvestatud") {
			t.Errorf("the named editor's digest: %+v", got[named.Email])
		}
		for _, u := range others {
			for _, m := range got[u.Email] {
				if strings.Contains(m.Subject+m.Text, "Kvarts") || strings.Contains(m.Subject+m.Text, "Graniit") || strings.Contains(m.Text, "Teie märkus") {
					t.Errorf("%s is mailed of a restricted draft:\n%s", u.Email, m.Text)
				}
			}
		}
	})
}
