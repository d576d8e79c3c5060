package main

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/mail/mailtest"
	"kovit/internal/need"
	"kovit/internal/notify"
)

// startNotifyApp is kovit with its mail going to an SMTP server inside the test, and the
// store's clock at Tuesday 1 December 2026, 10:00 in Tallinn.
func startNotifyApp(t *testing.T, engine string) (*testApp, *mailtest.Server) {
	smtp := mailtest.Start(t)
	a := startAppWith(t, engine, func(c *config) { c.SMTPURL, c.MailFrom = smtp.URL, "kovit@kovit.test" })
	a.store.Now = func() time.Time { return time.Date(2026, 12, 1, 10, 0, 0, 0, kovit.Estonia) }
	return a, smtp
}

func notificationsOf(t *testing.T, a *testApp, u auth.User) []notify.Notification {
	t.Helper()
	items, _, _, err := a.store.Notifications(context.Background(), u.ID, 100, 0)
	if err != nil {
		t.Fatal(err)
	}
	return items
}

// returnCells has the coordinator return cells of Tartu: each is filled first.
func returnCells(t *testing.T, a *testApp, coord auth.User, codes ...string) {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &coord)
	for _, code := range codes {
		c, err := a.store.SaveCell(context.Background(), "0793", code, eservice.CellInput{Offering: eservice.NotApplicable})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.store.ReviewCell(ctx, "0793", code, eservice.Review{Verification: eservice.Returned, Reason: "Põhjendus puudub", Version: c.Version}); err != nil {
			t.Fatal(err)
		}
	}
}

func returnNeed(t *testing.T, a *testApp, coord auth.User, title string) need.Need {
	t.Helper()
	n := submittedNeed(t, a, "0793", title, need.CatRecords, 1000)
	n, err := a.store.TransitionNeed(auth.WithUser(context.Background(), &coord), n.ID, need.Transition{To: need.Returned, Reason: "Lisa maksumus", Version: n.Version})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A notification is written in the transaction of its change: a change that is rolled
// back after the event was written leaves none, and the one who made the change is not
// told of it.
func TestNotificationEmittedWithTheChange(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, _ := startNotifyApp(t, engine)
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		tallinn := a.user(t, "toomas@tallinn.test", auth.RoleEditor, "0784")
		ctx := auth.WithUser(context.Background(), &coord)

		// Accepting a submitted and a draft need together fails on the draft, after the
		// submitted one was accepted and its event written: nothing of it stays.
		submitted := submittedNeed(t, a, "0793", "Dokumendihaldus", need.CatRecords, 1000)
		draft, err := a.store.CreateNeed(context.Background(), need.Need{MunicipalityEHAK: "0793", Title: "Mustand", Category: need.CatRecords})
		if err != nil {
			t.Fatal(err)
		}
		_, err = a.store.CreateConsolidated(ctx, need.Consolidated{Title: "Koond", Category: need.CatRecords}, []int64{submitted.ID, draft.ID})
		if kovit.ErrorCode(err) != kovit.EInvalid {
			t.Fatalf("accepting a draft: %v, want invalid", err)
		}
		if got := notificationsOf(t, a, mari); len(got) != 0 {
			t.Fatalf("a rolled-back change emitted %+v", got)
		}

		if _, err := a.store.TransitionNeed(ctx, submitted.ID, need.Transition{To: need.Returned, Reason: "Lisa maksumus", Version: submitted.Version}); err != nil {
			t.Fatal(err)
		}
		returnCells(t, a, coord, "SOC-001")
		got := notificationsOf(t, a, mari)
		if len(got) != 2 || got[0].Kind != notify.CellReturned || got[0].EntityID != "0793/SOC-001" || got[0].Reason != "Põhjendus puudub" ||
			got[1].Kind != notify.NeedReturned || got[1].Title != "Dokumendihaldus" || got[1].Reason != "Lisa maksumus" || got[1].Delivery != notify.Immediate {
			t.Errorf("Tartu's editor was told %+v", got)
		}
		for _, u := range []auth.User{coord, tallinn} {
			if got := notificationsOf(t, a, u); len(got) != 0 {
				t.Errorf("%s was told %+v", u.Email, got)
			}
		}
	})
}

// Each user's choice per kind decides how they hear of it: the immediate ones of a run go
// in one mail, the daily digest from 07:00, the weekly from Monday 07:00, and "never" only
// in the list. A mail the server refuses is sent at the next run; none is sent twice.
func TestNotificationMail(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startNotifyApp(t, engine)
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		jaan := a.user(t, "jaan@tartu.test", auth.RoleEditor, "0793")
		liis := a.user(t, "liis@tartu.test", auth.RoleEditor, "0793")
		peeter := a.user(t, "peeter@tartu.test", auth.RoleEditor, "0793")
		for _, c := range []struct {
			u        auth.User
			lang     string
			delivery notify.Delivery
		}{{jaan, "et", notify.Never}, {liis, "en", notify.Daily}, {peeter, "et", notify.Weekly}} {
			if err := a.store.SetNotificationSettings(ctx, c.u.ID, notify.Settings{Lang: c.lang, Prefs: notify.Prefs{notify.CellReturned: c.delivery}}); err != nil {
				t.Fatal(err)
			}
		}
		returnCells(t, a, coord, "SOC-001", "SOC-002")
		returnNeed(t, a, coord, "Dokumendihaldus")
		names := cellNames(t, a, "SOC-001", "SOC-002")

		send := func(at time.Time) (int, error) { return a.app.notify.Send(ctx, at) }
		tuesday := time.Date(2026, 12, 1, 10, 1, 0, 0, kovit.Estonia)
		smtp.FailNext(1)
		if n, err := send(tuesday); n != 3 || err == nil {
			t.Fatalf("first run with the server refusing one: %d sent, %v", n, err)
		}
		if n, err := send(tuesday.Add(time.Minute)); n != 1 || err != nil {
			t.Fatalf("the run after: %d sent, %v; want the refused one", n, err)
		}
		if n, err := send(tuesday.Add(2 * time.Minute)); n != 0 || err != nil {
			t.Fatalf("a third run sent %d, %v", n, err)
		}
		mails := byRecipient(smtp.Messages())
		for _, u := range []auth.User{mari, jaan, liis, peeter} {
			if len(mails[u.Email]) != 1 {
				t.Fatalf("%s got %d immediate mails, want 1", u.Email, len(mails[u.Email]))
			}
		}
		m := mails[mari.Email][0]
		for _, want := range append(names, "Dokumendihaldus", "Lisa maksumus", "E-teenuse andmed tagastati", testBaseURL+"/notifications/settings/") {
			if !strings.Contains(m.Text, want) {
				t.Errorf("Mari's one mail lacks %q:\n%s", want, m.Text)
			}
		}
		if m.Subject != "kovit: 3 teavitust" {
			t.Errorf("Mari's subject %q", m.Subject)
		}
		for _, u := range []auth.User{jaan, liis, peeter} {
			if text := mails[u.Email][0].Text; strings.Contains(text, names[0]) || !strings.Contains(text, "Dokumendihaldus") {
				t.Errorf("%s's immediate mail:\n%s", u.Email, text)
			}
		}
		if !strings.Contains(mails[liis.Email][0].Subject, "Need returned for changes") {
			t.Errorf("Liis reads English, got %q", mails[liis.Email][0].Subject)
		}

		wednesday := time.Date(2026, 12, 2, 6, 59, 0, 0, kovit.Estonia)
		if n, err := send(wednesday); n != 0 || err != nil {
			t.Fatalf("before 07:00: %d sent, %v", n, err)
		}
		if n, err := send(wednesday.Add(time.Minute)); n != 1 || err != nil {
			t.Fatalf("the daily digest: %d sent, %v", n, err)
		}
		daily := smtp.Messages()[4]
		if daily.To[0] != liis.Email || daily.Subject != "kovit: 2 notifications of the day" || !strings.Contains(daily.Text, names[1]) {
			t.Errorf("daily digest %+v", daily)
		}
		if n, _ := send(time.Date(2026, 12, 6, 12, 0, 0, 0, kovit.Estonia)); n != 0 {
			t.Fatalf("the weekly digest went on Sunday")
		}
		if n, err := send(time.Date(2026, 12, 7, 7, 0, 0, 0, kovit.Estonia)); n != 1 || err != nil {
			t.Fatalf("the weekly digest: %d sent, %v", n, err)
		}
		weekly := smtp.Messages()[5]
		if weekly.To[0] != peeter.Email || weekly.Subject != "kovit: 2 teavitust nädala kohta" {
			t.Errorf("weekly digest %+v", weekly)
		}
		if n, _ := send(time.Date(2026, 12, 14, 7, 0, 0, 0, kovit.Estonia)); n != 0 || len(smtp.Messages()) != 6 {
			t.Errorf("a later run sent %d more; %d mails in all, want 6", n, len(smtp.Messages()))
		}
		if got := notificationsOf(t, a, jaan); len(got) != 3 {
			t.Errorf("Jaan chose never for returned cells, but they belong in his list: %+v", got)
		}
	})
}

func cellNames(t *testing.T, a *testApp, codes ...string) []string {
	var out []string
	for _, code := range codes {
		s, err := a.store.Service(context.Background(), code)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, s.NameEt)
	}
	return out
}

func byRecipient(ms []mailtest.Received) map[string][]mailtest.Received {
	out := map[string][]mailtest.Received{}
	for _, m := range ms {
		out[m.To[0]] = append(out[m.To[0]], m)
	}
	return out
}

// The read rule is asked when the mail is written, not only when the event was: an
// editor moved to another municipality since a need was returned is not mailed its text.
func TestNotificationReadRuleAtComposition(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startNotifyApp(t, engine)
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		jaan := a.user(t, "jaan@tartu.test", auth.RoleEditor, "0793")
		returnNeed(t, a, coord, "Salajane vajadus")
		if _, err := a.store.UpdateUser(ctx, mari.ID, auth.UserUpdate{Name: mari.Name, Role: auth.RoleEditor, MunicipalityEHAK: "0784", Active: true, Version: mari.Version}); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 12, 1, 10, 1, 0, 0, kovit.Estonia)
		for range 2 {
			if _, err := a.app.notify.Send(ctx, at); err != nil {
				t.Fatal(err)
			}
			at = at.Add(time.Minute)
		}
		got := byRecipient(smtp.Messages())
		if len(got[mari.Email]) != 0 || len(got[jaan.Email]) != 1 || !strings.Contains(got[jaan.Email][0].Text, "Salajane vajadus") {
			t.Errorf("mail went to %v", got)
		}
	})
}

var settingsLink = regexp.MustCompile(`/notifications/settings/[0-9]+\.[A-Za-z0-9_-]+`)

// A mail's settings link changes that user's settings without sign-in, and only theirs;
// a changed link is refused and changes nothing.
func TestNotificationSettingsLink(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startNotifyApp(t, engine)
		ctx := context.Background()
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		jaan := a.user(t, "jaan@tartu.test", auth.RoleEditor, "0793")
		returnNeed(t, a, coord, "Dokumendihaldus")
		if _, err := a.app.notify.Send(ctx, time.Date(2026, 12, 1, 10, 1, 0, 0, kovit.Estonia)); err != nil {
			t.Fatal(err)
		}
		link := settingsLink.FindString(byRecipient(smtp.Messages())[mari.Email][0].Text)
		if link == "" {
			t.Fatal("Mari's mail has no settings link")
		}
		anon := a.client(t)
		if status, body := get(t, anon, a.URL+link); status != http.StatusOK || !strings.Contains(body, `name="deliveries.need_returned"`) {
			t.Fatalf("the link without sign-in: %d\n%.500s", status, body)
		}
		form := "application/x-www-form-urlencoded"
		jaanToken := strconv.FormatInt(jaan.ID, 10) + link[strings.Index(link, "."):]
		last := link[len(link)-1:]
		other := map[string]string{"A": "B"}[last]
		if other == "" {
			other = "A"
		}
		for _, bad := range []string{
			"/notifications/settings/" + jaanToken,  // Mari's signature on Jaan's id
			link[:len(link)-1] + other,              // a changed signature
			"/notifications/settings/" + mari.Email, // no signature
		} {
			if status, _ := send(t, anon, "POST", a.URL+bad, form, "lang=en&deliveries.need_returned=never"); status != http.StatusNotFound {
				t.Errorf("POST %s: %d, want 404", bad, status)
			}
		}
		for _, u := range []auth.User{mari, jaan} {
			if s, _ := a.store.NotificationSettings(ctx, u.ID); s.Lang != "et" || len(s.Prefs) != 0 {
				t.Errorf("a refused link changed %s's settings: %+v", u.Email, s)
			}
		}
		if status, body := send(t, anon, "POST", a.URL+link, form, "lang=en&deliveries.need_returned=bogus"); status != http.StatusUnprocessableEntity || !strings.Contains(body, `aria-describedby="e-deliveries.need_returned"`) {
			t.Errorf("a bad choice: %d\n%.500s", status, body)
		}
		if status, _ := send(t, anon, "POST", a.URL+link, form, "lang=en&deliveries.need_returned=never"); status != http.StatusSeeOther {
			t.Errorf("saving from the link: %d", status)
		}
		if s, _ := a.store.NotificationSettings(ctx, mari.ID); s.Lang != "en" || s.Prefs.For(notify.NeedReturned) != notify.Never {
			t.Errorf("Mari's settings after the link: %+v", s)
		}
		if s, _ := a.store.NotificationSettings(ctx, jaan.ID); s.Lang != "et" || len(s.Prefs) != 0 {
			t.Errorf("Mari's link changed Jaan's settings: %+v", s)
		}
	})
}

// The in-app list shows a user their own notifications with the unread count on the
// navigation, and opening it marks them read; the API answers the same and refuses a bad
// setting naming its field.
func TestNotificationList(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, _ := startNotifyApp(t, engine)
		coord := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		mari := a.user(t, "mari@tartu.test", auth.RoleEditor, "0793")
		toomas := a.user(t, "toomas@tallinn.test", auth.RoleEditor, "0784")
		returnNeed(t, a, coord, "Dokumendihaldus")
		returnCells(t, a, coord, "SOC-001")
		mc, tc := a.as(t, mari), a.as(t, toomas)

		type listed struct {
			Items  []notify.Notification `json:"items"`
			Total  int                   `json:"total"`
			Unread int                   `json:"unread"`
		}
		list := func(c *http.Client) listed {
			status, body := get(t, c, a.URL+"/api/v1/notifications")
			var l listed
			if err := json.Unmarshal([]byte(body), &l); status != http.StatusOK || err != nil {
				t.Fatalf("list: %d %v\n%s", status, err, body)
			}
			return l
		}
		if l := list(mc); l.Total != 2 || l.Unread != 2 || l.Items[1].Title != "Dokumendihaldus" {
			t.Errorf("Mari's list %+v", l)
		}
		if l := list(tc); l.Total != 0 || l.Unread != 0 {
			t.Errorf("Tallinn's editor sees %+v", l)
		}
		if _, body := get(t, mc, a.URL+"/needs"); !strings.Contains(body, "2 lugemata") {
			t.Error("the navigation does not show 2 unread")
		}
		status, body := get(t, mc, a.URL+"/notifications")
		if status != http.StatusOK || !strings.Contains(body, "Dokumendihaldus") || !strings.Contains(body, "Lisa maksumus") {
			t.Errorf("the list page: %d\n%.500s", status, body)
		}
		if l := list(mc); l.Unread != 0 {
			t.Errorf("opening the list left %d unread", l.Unread)
		}
		if _, body := get(t, tc, a.URL+"/notifications"); strings.Contains(body, "Dokumendihaldus") {
			t.Error("Tallinn's editor sees Tartu's notifications")
		}
		if status, _ := get(t, a.client(t), a.URL+"/api/v1/notifications"); status != http.StatusUnauthorized {
			t.Errorf("the list without sign-in: %d", status)
		}

		js := "application/json"
		for body, field := range map[string]string{
			`{"deliveries":{"cell_returned":"hourly"}}`: "deliveries.cell_returned",
			`{"deliveries":{"no_such_kind":"never"}}`:   "deliveries.no_such_kind",
			`{"lang":"fi"}`: "lang",
		} {
			status, got := send(t, mc, "PUT", a.URL+"/api/v1/account/notifications", js, body)
			if status != http.StatusUnprocessableEntity || !strings.Contains(got, `"`+field+`"`) {
				t.Errorf("PUT %s: %d\n%s", body, status, got)
			}
		}
		status, got := send(t, mc, "PUT", a.URL+"/api/v1/account/notifications", js, `{"deliveries":{"cell_verified":"daily"}}`)
		var s notify.Settings
		if err := json.Unmarshal([]byte(got), &s); status != http.StatusOK || err != nil || s.Prefs[notify.CellVerified] != notify.Daily ||
			s.Prefs[notify.CellReturned] != notify.Immediate || s.Lang != "et" {
			t.Errorf("PUT settings: %d %s", status, got)
		}
	})
}
