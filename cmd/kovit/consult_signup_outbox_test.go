package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/mail/mailtest"
	"kovit/internal/notify"
)

var commenterLink = regexp.MustCompile(regexp.QuoteMeta(testBaseURL) + `/consultations/sign-up/confirm\?token=([A-Za-z0-9_%-]+)`)

// commenterTokenIn is the sign-up link's token in a mail, which carries it in both its
// Estonian and English text.
func commenterTokenIn(t *testing.T, m mailtest.Received) string {
	t.Helper()
	found := commenterLink.FindAllStringSubmatch(m.Text, -1)
	if len(found) != 2 || found[0][1] != found[1][1] {
		t.Fatalf("no sign-up link in the mail:\n%s", m.Text)
	}
	token, err := url.QueryUnescape(found[0][1])
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// TestCommenterLinkThroughOutbox: a member of the public's sign-up mail goes through the
// notification outbox as an invitation's does. One the mail server refused is sent again
// by the mail job, with a link issued at that send that works; a newer sign-up's mail
// ends the older link; the commenter's list keeps a record of each mail.
func TestCommenterLinkThroughOutbox(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startMailApp(t, engine)
		coordUser := a.user(t, "kati@kovit.test", auth.RoleCoordinator, "")
		ctx := auth.WithUser(context.Background(), &coordUser)
		today := time.Now().UTC()
		c, err := a.store.CreateConsultation(ctx, consult.Consultation{Title: "Avatud andmete kava", PublicComments: true,
			OpensOn: today.AddDate(0, 0, -1).Format(time.DateOnly), ClosesOn: today.AddDate(0, 0, 14).Format(time.DateOnly)},
			consult.DocVersion{Sections: []consult.Section{{Heading: "Eesmärk", Body: "Andmed avalikuks."}}})
		if err != nil {
			t.Fatal(err)
		}
		if c, err = a.store.MoveConsultation(ctx, c.ID, consult.Move{To: consult.Open, Version: c.Version}); err != nil {
			t.Fatal(err)
		}
		page := a.URL + "/consultations/" + itoa(c.ID)
		// The job's run, once the prompt's attempt was refused (see TestLinkMailThroughOutbox).
		job := func(want int) {
			t.Helper()
			smtp.WaitRefused(t)
			deadline := time.Now().Add(5 * time.Second)
			for {
				n, err := a.app.notify.Send(context.Background(), time.Now())
				if n == want && err == nil {
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("the mail job sent %d (%v), want %d", n, err, want)
				}
				time.Sleep(20 * time.Millisecond)
			}
		}
		signUp := func() {
			t.Helper()
			if s, _ := postForm(t, a.client(t), page+"/sign-up", url.Values{"name": {"Jaan Tamm"}, "email": {"jaan@avalik.test"}}); s != http.StatusOK {
				t.Fatalf("sign-up: %d", s)
			}
		}
		confirm := func(token string) int {
			s, _ := postForm(t, a.client(t), a.URL+"/consultations/sign-up/confirm", url.Values{"token": {token}})
			return s
		}

		smtp.FailNext(1)
		signUp()
		job(1)
		msgs := smtp.Messages()
		if len(msgs) != 1 || msgs[0].To[0] != "jaan@avalik.test" || !strings.Contains(msgs[0].Subject, "Avatud andmete kava") ||
			!strings.Contains(msgs[0].Text, "Tere, Jaan Tamm!") || !strings.Contains(msgs[0].Text, "Hello Jaan Tamm,") {
			t.Fatalf("mails %+v, want the sign-up link once, in Estonian and English", msgs)
		}
		first := commenterTokenIn(t, msgs[0])

		signUp() // sent at once, without the job
		msgs = smtp.Wait(t, 2)
		if len(msgs) != 2 {
			t.Fatalf("mails %+v, want the second sign-up's", msgs)
		}
		second := commenterTokenIn(t, msgs[1])
		if s := confirm(first); s != http.StatusNotFound {
			t.Errorf("the older link after a newer one: %d", s)
		}
		if s := confirm(second); s != http.StatusSeeOther {
			t.Fatalf("the newest link: %d", s)
		}
		if s := confirm(second); s != http.StatusNotFound {
			t.Errorf("the newest link used again: %d", s)
		}
		jaan, err := a.store.UserByEmail(context.Background(), "jaan@avalik.test")
		if err != nil {
			t.Fatal(err)
		}
		ns, _, _, err := a.store.Notifications(context.Background(), jaan.ID, 10, 0)
		if err != nil || len(ns) != 2 || ns[0].Kind != notify.CommenterSignUp || ns[0].Title != "Avatud andmete kava" {
			t.Errorf("the commenter's record of the mails: %+v %v", ns, err)
		}
		// A commenter an admin closed after asking gets no link, now or at a later run.
		if _, ok, err := a.store.SignUpCommenter(ctx, auth.CommenterSignUp{Name: "Jaan Tamm", Email: "jaan@avalik.test"}, c.ID); err != nil || !ok {
			t.Fatalf("sign-up: %v %v", ok, err)
		}
		if _, err := a.store.UpdateUser(ctx, jaan.ID, auth.UserUpdate{Name: jaan.Name, Role: jaan.Role, Active: false, Version: jaan.Version}); err != nil {
			t.Fatal(err)
		}
		job(0)
		job(0)
		if msgs := smtp.Messages(); len(msgs) != 2 {
			t.Errorf("mails %+v: a closed account's link was sent", msgs[2:])
		}
	})
}
