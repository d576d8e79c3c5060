package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/jobs"
	"kovit/internal/kovit"
	"kovit/internal/need"
	"kovit/internal/plan"
)

// A round opening, and closing in 7 days and in 1 day, is told to every municipality's
// editors, once.
func TestRoundClosingNotifications(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, _ := startNotifyApp(t, engine)
		ctx := context.Background()
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		toomas := a.user(t, "toomas@tallinn.test", auth.RoleEditor, "0784")
		if _, err := a.store.CreateRound(ctx, need.Round{Title: "IKT vajadused 2027", Deadline: "2026-12-08", Open: true}); err != nil {
			t.Fatal(err)
		}
		closed, err := a.store.CreateRound(ctx, need.Round{Title: "Suletud voor", Deadline: "2026-12-08", Open: false})
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range []time.Time{
			time.Date(2026, 12, 1, 9, 0, 0, 0, kovit.Estonia),
			time.Date(2026, 12, 1, 23, 0, 0, 0, kovit.Estonia),
			time.Date(2026, 12, 3, 9, 0, 0, 0, kovit.Estonia), // 5 days before: nothing
			time.Date(2026, 12, 7, 0, 30, 0, 0, kovit.Estonia),
		} {
			if err := jobs.EmitRoundClosing(ctx, a.store, at); err != nil {
				t.Fatal(err)
			}
		}
		closed.Open = true
		if _, err := a.store.UpdateRound(ctx, closed); err != nil {
			t.Fatal(err)
		}
		closed.Version++
		closed.Title = "Suletud voor, muudetud"
		if _, err := a.store.UpdateRound(ctx, closed); err != nil { // open already: nothing new
			t.Fatal(err)
		}
		for _, u := range []auth.User{mari, toomas} {
			var got []string
			for _, n := range notificationsOf(t, a, u) {
				got = append(got, string(n.Kind)+" "+n.Title)
			}
			want := []string{"round_opened Suletud voor", "round_closing_1 IKT vajadused 2027", "round_closing_7 IKT vajadused 2027", "round_opened IKT vajadused 2027"}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s was told %q, want %q", u.Email, got, want)
			}
		}
	})
}

// A municipality's part of a joint activity is told to its editors when it is due within
// 7 days and when it is overdue, each once, in the weekly digest; a part in a plan the
// editors may not read (another municipality's draft) is not told to them at all.
func TestActivityPartNotifications(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startNotifyApp(t, engine)
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		toomas := a.user(t, "toomas@tallinn.test", auth.RoleEditor, "0784")
		ctx := auth.WithUser(context.Background(), &coord)
		day := func(d int) *time.Time { t := time.Date(2026, 12, d, 0, 0, 0, 0, time.UTC); return &t }
		national, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "KOV IKT tegevuskava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		joint, err := a.store.CreateNode(ctx, plan.Node{StrategyID: national.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Dokumendihalduse ühishange"})
		if err != nil {
			t.Fatal(err)
		}
		tallinnDraft, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Tallinna IT-plaan", StartYear: 2026, EndYear: 2027,
			Status: plan.Draft, OwnerID: new(municipalityOrg(t, a, "0784"))}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		secret, err := a.store.CreateNode(ctx, plan.Node{StrategyID: tallinnDraft.ID, Kind: plan.Activity, Code: "7", TitleEt: "Tallinna salajane hange"})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []plan.Participant{
			{ActivityID: joint.ID, MunicipalityEHAK: "0793", Due: new(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC))},
			{ActivityID: joint.ID, MunicipalityEHAK: "0784", Due: day(5)},
			{ActivityID: joint.ID, MunicipalityEHAK: "0171", Due: day(20)},
			{ActivityID: secret.ID, MunicipalityEHAK: "0793", Due: new(time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))},
		} {
			if _, err := a.store.AddParticipant(ctx, p); err != nil {
				t.Fatal(err)
			}
		}
		bg := context.Background()
		for _, at := range []time.Time{time.Date(2026, 12, 1, 10, 0, 0, 0, kovit.Estonia), time.Date(2026, 12, 1, 11, 0, 0, 0, kovit.Estonia)} {
			if err := jobs.EmitActivityParts(bg, a.store, at); err != nil {
				t.Fatal(err)
			}
		}
		kinds := func(u auth.User) []string {
			var out []string
			for _, n := range notificationsOf(t, a, u) {
				out = append(out, string(n.Kind)+" "+n.Title)
			}
			return out
		}
		if got := kinds(mari); len(got) != 1 || got[0] != "activity_part_overdue 1.1 Dokumendihalduse ühishange" {
			t.Errorf("Tartu's editor was told %q", got)
		}
		if got := kinds(toomas); len(got) != 1 || got[0] != "activity_part_due_7 1.1 Dokumendihalduse ühishange" {
			t.Errorf("Tallinn's editor was told %q", got)
		}
		if err := jobs.EmitActivityParts(bg, a.store, time.Date(2026, 12, 6, 10, 0, 0, 0, kovit.Estonia)); err != nil {
			t.Fatal(err)
		}
		if got := kinds(toomas); len(got) != 2 || got[0] != "activity_part_overdue 1.1 Dokumendihalduse ühishange" {
			t.Errorf("Tallinn's editor, once the part is overdue: %q", got)
		}
		if _, err := a.app.notify.Send(bg, time.Date(2026, 12, 7, 7, 0, 0, 0, kovit.Estonia)); err != nil {
			t.Fatal(err)
		}
		mails := byRecipient(smtp.Messages())
		if m := mails[mari.Email]; len(m) != 1 || !strings.Contains(m[0].Text, "Dokumendihalduse ühishange") || strings.Contains(m[0].Text, "salajane") ||
			m[0].Subject != "kovit: 1 teavitus nädala kohta" {
			t.Errorf("Tartu's weekly digest: %+v", m)
		}
		if m := mails[toomas.Email]; len(m) != 1 || m[0].Subject != "kovit: 2 teavitust nädala kohta" {
			t.Errorf("Tallinn's weekly digest: %+v", m)
		}
	})
}

// Being made a contact person of an activity is told at once to each new contact, not
// again while they stay one, and a report opened on the plan to its contacts; the mail
// leaves out what is in a plan the contact may not read (another municipality's draft),
// by the read rule asked when it is written.
func TestActivityContactNotification(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startNotifyApp(t, engine)
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		rein := a.user(t, "rein@ministeerium.test", auth.RoleReader, "")
		ctx := auth.WithUser(context.Background(), &coord)
		national, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "KOV IKT tegevuskava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		act, err := a.store.CreateNode(ctx, plan.Node{StrategyID: national.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Dokumendihalduse ühishange",
			ContactIDs: []int64{coord.ID, mari.ID}})
		if err != nil {
			t.Fatal(err)
		}
		act.ContactIDs = []int64{mari.ID, rein.ID}
		if _, err := a.store.UpdateNode(ctx, act); err != nil {
			t.Fatal(err)
		}
		draft, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Tallinna IT-plaan", StartYear: 2026, EndYear: 2027,
			Status: plan.Draft, OwnerID: new(municipalityOrg(t, a, "0784"))}.WithDefaults())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.CreateNode(ctx, plan.Node{StrategyID: draft.ID, Kind: plan.Activity, Code: "7", TitleEt: "Tallinna salajane hange",
			ContactIDs: []int64{mari.ID}}); err != nil {
			t.Fatal(err)
		}
		count := func(u auth.User) int { return len(notificationsOf(t, a, u)) }
		if count(coord) != 0 || count(mari) != 2 || count(rein) != 1 {
			t.Errorf("told: coordinator %d, Mari %d, Rein %d; want 0, 2, 1", count(coord), count(mari), count(rein))
		}
		if _, err := a.app.notify.Send(context.Background(), time.Date(2026, 12, 1, 10, 1, 0, 0, kovit.Estonia)); err != nil {
			t.Fatal(err)
		}
		mails := byRecipient(smtp.Messages())
		if m := mails[mari.Email]; len(m) != 1 || !strings.Contains(m[0].Text, "1.1 Dokumendihalduse ühishange") || strings.Contains(m[0].Text, "salajane") {
			t.Errorf("Mari's mail: %+v", m)
		}
		if m := mails[rein.Email]; len(m) != 1 || !strings.Contains(m[0].Subject, "Sind määrati tegevuse kontaktisikuks") {
			t.Errorf("Rein's mail: %+v", m)
		}

		// A report opened on a plan tells its activities' contact persons, in the weekly
		// digest; Mari does not read of the report on Tallinn's draft.
		period := func(s int64, title string) plan.Report {
			return plan.Report{StrategyID: s, TitleEt: title, PeriodStart: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), PeriodEnd: time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)}
		}
		for _, r := range []plan.Report{period(national.ID, "Aastaaruanne 2026"), period(draft.ID, "Tallinna salajane aruanne")} {
			if _, err := a.store.OpenReport(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		if count(coord) != 0 || count(mari) != 4 || count(rein) != 2 {
			t.Errorf("after the reports: coordinator %d, Mari %d, Rein %d; want 0, 4, 2", count(coord), count(mari), count(rein))
		}
		if _, err := a.app.notify.Send(context.Background(), time.Date(2026, 12, 7, 7, 0, 0, 0, kovit.Estonia)); err != nil {
			t.Fatal(err)
		}
		mails = byRecipient(smtp.Messages())
		if m := mails[mari.Email]; len(m) != 2 || !strings.Contains(m[1].Text, "Aastaaruanne 2026") || strings.Contains(m[1].Text, "salajane") ||
			!strings.Contains(m[1].Text, testBaseURL+"/plan/reports/") {
			t.Errorf("Mari's weekly digest: %+v", m)
		}
		if m := mails[rein.Email]; len(m) != 2 || !strings.Contains(m[1].Text, "Aastaaruanne 2026") {
			t.Errorf("Rein's weekly digest: %+v", m)
		}
	})
}
