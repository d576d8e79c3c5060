package main

import (
	"context"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/mail/mailtest"
	"kovit/internal/plan"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The weekly digest goes over SMTP to an in-test server: the contact person of a stale
// joint activity hears of it, of its overdue task (not of a done one) and of its overdue
// part, the editor of the municipality whose part is overdue hears of that part only, a
// user with nothing to do gets nothing, and the week is not sent twice. A contact person
// who may not read a plan (another municipality's draft) hears nothing of it.
func TestWeeklyDigest(t *testing.T) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { testWeeklyDigest(t, engine) })
	}
}

func testWeeklyDigest(t *testing.T, engine string) {
	smtp := mailtest.Start(t)
	store := sqlstoretest.New(t, engine)
	c := config{DB: store.DSN(), AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: time.Hour,
		SMTPURL: smtp.URL, MailFrom: "kovit@kovit.test", BaseURL: "https://kovit.example/"}
	a, err := newApp(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.store.Close() })
	ta := &testApp{store: a.store}
	coord := ta.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
	mari := ta.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
	ta.user(t, "rein@ministeerium.test", auth.RoleReader, "")

	// The plan was last touched in June; it is now Monday 30 November, 08:00 in Tallinn.
	now := time.Date(2026, 11, 30, 8, 0, 0, 0, kovit.Estonia)
	a.store.Now = func() time.Time { return time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC) }
	ctx := auth.WithUser(context.Background(), &coord)
	st, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "KOV IKT tegevuskava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	act, err := a.store.CreateNode(ctx, plan.Node{StrategyID: st.ID, Kind: plan.Activity, Code: "1.1", TitleEt: "Dokumendihalduse ühishange",
		TitleEn: "Joint procurement of records management", ContactIDs: []int64{coord.ID}})
	if err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	if _, err := a.store.AddParticipant(ctx, plan.Participant{ActivityID: act.ID, MunicipalityEHAK: "0793", Due: &due}); err != nil {
		t.Fatal(err)
	}
	taskDue := time.Date(2026, 11, 10, 0, 0, 0, 0, time.UTC)
	for _, task := range []plan.Task{
		{ActivityID: act.ID, TitleEt: "Hanke ettevalmistus", TitleEn: "Preparing the procurement", State: plan.TaskInProgress, Due: &taskDue},
		{ActivityID: act.ID, TitleEt: "Turu-uuring", TitleEn: "Market research", State: plan.TaskDone, Due: &taskDue},
	} {
		if _, err := a.store.CreateTask(ctx, task); err != nil {
			t.Fatal(err)
		}
	}
	// Tallinn's own draft plan names Tartu's editor as a contact and has an overdue task:
	// Tartu may not read Tallinn's draft, so Mari must not hear of it.
	orgs, err := a.store.ListOrganisations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var tallinn int64
	for _, o := range orgs {
		if o.MunicipalityEHAK == "0784" {
			tallinn = o.ID
		}
	}
	draft, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Tallinna IT-plaan", StartYear: 2026, EndYear: 2027,
		Status: plan.Draft, OwnerID: &tallinn}.WithDefaults())
	if err != nil {
		t.Fatal(err)
	}
	secret, err := a.store.CreateNode(ctx, plan.Node{StrategyID: draft.ID, Kind: plan.Activity, Code: "7", TitleEt: "Tallinna salajane hange",
		ContactIDs: []int64{mari.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.CreateTask(ctx, plan.Task{ActivityID: secret.ID, TitleEt: "Salajane ülesanne", State: plan.TaskInProgress, Due: &taskDue}); err != nil {
		t.Fatal(err)
	}
	a.store.Now = time.Now

	n, err := a.digest.SendIfDue(context.Background(), now)
	if err != nil || n != 2 {
		t.Fatalf("sent %d, %v; want 2 (the contact and Tartu's editor)", n, err)
	}
	got := map[string]string{}
	for _, m := range smtp.Wait(t, 2) {
		got[m.To[0]] = m.Subject + "\n" + m.Text
	}
	link := "https://kovit.example/plan/activities/" + strconv.FormatInt(act.ID, 10)
	for to, want := range map[string][]string{
		"kati@kovit.test": {"kovit: 3 asja vajab tähelepanu / kovit: 3 items need attention", "Tere, kati@kovit.test!",
			"Tegevust pole ammu ajakohastatud", "1.1 Dokumendihalduse ühishange — 182 päeva", link,
			"Activities not updated for a long time", "1.1 Joint procurement of records management — 182 days",
			"Ülesanded on tähtaja ületanud (päevi tähtajast):\n- Hanke ettevalmistus (1.1 Dokumendihalduse ühishange) — 20 päeva\n  " + link,
			"- Preparing the procurement (1.1 Joint procurement of records management) — 20 days",
			"Tartu linn: 1.1 Dokumendihalduse ühishange — 10 päeva"},
		"mari@tartu.test": {"kovit: 1 asi vajab tähelepanu / kovit: 1 item needs attention", "Omavalitsuse osa ühistegevuses on tähtaja ületanud", "Tartu linn: 1.1 Dokumendihalduse ühishange — 10 päeva",
			"Tartu linn: 1.1 Joint procurement of records management — 10 days", "https://kovit.example/plan/attention"},
	} {
		for _, w := range want {
			if !strings.Contains(got[to], w) {
				t.Errorf("mail to %s lacks %q:\n%s", to, w, got[to])
			}
		}
	}
	if strings.Contains(got["mari@tartu.test"], "Tallinna") || strings.Contains(got["mari@tartu.test"], "Salajane") {
		t.Errorf("the editor is told of another municipality's draft plan:\n%s", got["mari@tartu.test"])
	}
	if strings.Contains(got["mari@tartu.test"], "ajakohastatud") || strings.Contains(got["mari@tartu.test"], "Hanke ettevalmistus") {
		t.Errorf("the editor is told of an activity they are not a contact of:\n%s", got["mari@tartu.test"])
	}
	if strings.Contains(got["kati@kovit.test"], "Turu-uuring") {
		t.Errorf("the contact is told of a done task:\n%s", got["kati@kovit.test"])
	}
	// The same week again, later: nothing more.
	if n, err := a.digest.SendIfDue(context.Background(), now.Add(26*time.Hour)); err != nil || n != 0 {
		t.Errorf("second run in the week sent %d, %v", n, err)
	}
	time.Sleep(100 * time.Millisecond)
	if len(smtp.Messages()) != 2 {
		t.Errorf("%d messages, want 2", len(smtp.Messages()))
	}
}
