package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/mail/mailtest"
	"kovit/internal/plan"
)

// TestWeeklyDigestSeveralMunicipalities: an editor of Elva and Peipsiääre hears in the
// weekly digest of both municipalities' overdue parts, and of no third one's.
func TestWeeklyDigestSeveralMunicipalities(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		smtp := mailtest.Start(t)
		a := startAppWith(t, engine, func(c *config) { c.SMTPURL, c.MailFrom = smtp.URL, "kovit@kovit.test" })
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		shared, err := a.store.CreateUser(ctx, auth.NewUser{Email: "it@elva.ee", Name: "Jaan Tamm", Role: auth.RoleEditor,
			Municipalities: []string{"0171", "0586"}}, "x", false)
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 30, 8, 0, 0, 0, kovit.Estonia)
		asCoord := auth.WithUser(ctx, &coord)
		st, err := a.store.CreateStrategy(asCoord, plan.Strategy{TitleEt: "KOV IKT tegevuskava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		act, err := a.store.CreateNode(asCoord, plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "2.1", TitleEt: "Küberturbe ühishange"})
		if err != nil {
			t.Fatal(err)
		}
		due := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
		for _, ehak := range []string{"0171", "0586", "0793"} {
			if _, err := a.store.AddParticipant(asCoord, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: ehak, Due: &due}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := a.app.digest.SendIfDue(ctx, now); err != nil {
			t.Fatal(err)
		}
		var mail string
		for _, m := range smtp.Wait(t, 1) {
			if m.To[0] == shared.Email {
				mail = m.Text
			}
		}
		for _, w := range []string{"Elva vald: 2.1 Küberturbe ühishange", "Peipsiääre vald: 2.1 Küberturbe ühishange"} {
			if !strings.Contains(mail, w) {
				t.Errorf("the shared editor's digest lacks %q:\n%s", w, mail)
			}
		}
		if strings.Contains(mail, "Tartu linn") {
			t.Errorf("the shared editor hears of Tartu:\n%s", mail)
		}
	})
}
