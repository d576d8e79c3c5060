package jobs_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/jobs"
	"kovit/internal/kovit"
	"kovit/internal/mail"
	"kovit/internal/mail/mailtest"
	"kovit/internal/need"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The round reminders job reminds, as of the runner's clock, the editors of municipalities
// that have submitted nothing seven days and one day before the deadline, once each.
func TestRoundRemindersJob(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			s := sqlstoretest.New(t, e)
			smtp := mailtest.Start(t)
			sender, err := mail.NewSMTP(smtp.URL, "kovit@kovit.test")
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			coord, err := s.CreateUser(ctx, auth.NewUser{Email: "kati@kovit.test", Name: "Kati", Role: auth.RoleCoordinator}, "", false)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.test", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "", false); err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateRound(auth.WithUser(ctx, &coord), need.Round{Title: "IT vajadused 2027", Deadline: "2026-12-31", Open: true}); err != nil {
				t.Fatal(err)
			}
			c := &clock{}
			r := &jobs.Runner{Store: s, Jobs: []jobs.Job{jobs.RoundReminders(jobs.Reminders(s, sender, "https://kovit.example"))}, Log: quiet, Now: c.now}
			for _, step := range []struct {
				day  int // of December 2026, at hour:00 in Tallinn
				hour int
				sent int
			}{{23, 10, 0}, {24, 10, 1}, {24, 11, 1}, {30, 10, 2}, {31, 10, 2}} {
				c.t = time.Date(2026, 12, step.day, step.hour, 0, 0, 0, kovit.Estonia)
				r.RunDue(ctx)
				if step.sent > 0 {
					smtp.Wait(t, step.sent)
				}
				time.Sleep(50 * time.Millisecond) // a mail too many would arrive by now
				if got := len(smtp.Messages()); got != step.sent {
					t.Errorf("at %s: %d reminders sent, want %d", c.t, got, step.sent)
				}
			}
		})
	}
}
