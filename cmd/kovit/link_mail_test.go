package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
)

// TestLinkMailThroughOutbox: an invitation's and a forgotten password's mail go through
// the notification outbox: one the mail server refused is sent again by the mail job,
// its link works, and the invitee's list of notifications keeps a record of each.
func TestLinkMailThroughOutbox(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		a, smtp := startMailApp(t, engine)
		ctx := context.Background()
		kati := a.as(t, a.user(t, "kati@kovit.test", auth.RoleCoordinator, ""))
		// The job's run, once the prompt's attempt was refused: retried until that attempt
		// has given its mail back. Run earlier, the job could meet the refusal itself and
		// the prompt send the mail, leaving the job nothing.
		job := func(want int) {
			t.Helper()
			smtp.WaitRefused(t)
			deadline := time.Now().Add(5 * time.Second)
			for {
				n, err := a.app.notify.Send(ctx, time.Now())
				if n == want && err == nil {
					return
				}
				if time.Now().After(deadline) {
					t.Fatalf("the mail job sent %d (%v), want %d", n, err, want)
				}
				time.Sleep(20 * time.Millisecond)
			}
		}

		smtp.FailNext(1)
		if st, _ := postForm(t, kati, a.URL+"/invitations", url.Values{"email": {"mari@tartu.test"}, "name": {"Mari Maasikas"},
			"role": {"editor"}, "municipality_ehak": {"0793"}}); st != http.StatusCreated {
			t.Fatalf("invite: %d", st)
		}
		job(1)
		if got := smtp.Messages(); len(got) != 1 || got[0].To[0] != "mari@tartu.test" {
			t.Fatalf("mails %+v, want the invitation once", got)
		}
		c := a.client(t)
		if st, _ := setPassword(t, a, c, linkIn(t, smtp.Messages()[0]), newPassword); st != http.StatusSeeOther {
			t.Fatalf("set password through the retried invitation: %d", st)
		}

		smtp.FailNext(1)
		if st, _ := postForm(t, a.client(t), a.URL+"/password/forgot", url.Values{"email": {"mari@tartu.test"}}); st != http.StatusOK {
			t.Fatalf("forgot: %d", st)
		}
		job(1)
		msgs := smtp.Messages()
		if len(msgs) != 2 || !strings.HasPrefix(linkIn(t, msgs[1]), "/password/reset?token=") {
			t.Fatalf("mails %+v, want the reset link second", msgs)
		}
		if st, _ := setPassword(t, a, a.client(t), linkIn(t, msgs[1]), "Mari uus parool 2027"); st != http.StatusSeeOther {
			t.Fatalf("reset through the retried mail: %d", st)
		}
		c = a.signedIn(t, "mari@tartu.test", "Mari uus parool 2027")
		if _, body := get(t, c, a.URL+"/notifications"); !strings.Contains(body, "Kutse saadeti") || !strings.Contains(body, "Parooli taastamise link saadeti") {
			t.Errorf("the list keeps no record of the mails:\n%.3000s", body)
		}
		job(0)
	})
}
