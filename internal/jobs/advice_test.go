package jobs_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/advice"
	"kovit/internal/auth"
	"kovit/internal/jobs"
	"kovit/internal/kovit"
	"kovit/internal/notify"
	"kovit/internal/refdata"
	"kovit/internal/sqlstore/sqlstoretest"
)

// A round's municipalities that have not responded are reminded two working days before
// its internal deadline (over Good Friday here) and on the day, once each, and nobody on
// a day of rest.
func TestCommentRoundReminders(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			s := sqlstoretest.New(t, e)
			cal, err := refdata.Calendar()
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			coord, _ := s.CreateUser(ctx, auth.NewUser{Email: "kati@kovit.test", Name: "Kati", Role: auth.RoleCoordinator}, "", false)
			cctx := auth.WithUser(ctx, &coord)
			tartu, _ := s.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.ee", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "", false)
			tallinn, _ := s.CreateUser(ctx, auth.NewUser{Email: "jaan@tallinn.ee", Name: "Jaan", Role: auth.RoleEditor, MunicipalityEHAK: "0784"}, "", false)
			r, err := s.CreateCommentRound(cctx, advice.Round{Title: "Eelnõu", Ministry: "RaM", ReceivedOn: "2026-03-20", MinistryDeadline: "2026-04-14",
				InternalDeadline: "2026-04-07", Public: true, Recipients: []string{"0784", "0793"}, Sections: []advice.Section{{Heading: "§ 1"}}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Respond(cctx, r.ID, "0784", advice.ResponseInput{}); err != nil {
				t.Fatal(err)
			}
			reminders := func(u auth.User) int {
				ns, _, _, err := s.Notifications(ctx, u.ID, 50, 0)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, x := range ns {
					if x.Kind == notify.CommentReminder {
						n++
					}
				}
				return n
			}
			at := func(day string) time.Time {
				d, _ := time.Parse(time.DateOnly, day)
				return time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, kovit.Estonia)
			}
			// 7.4 is Tuesday; two working days before it, over Good Friday 3.4 and the
			// weekend, is Thursday 2.4.
			for _, tt := range []struct {
				day  string
				want int
			}{{"2026-04-01", 0}, {"2026-04-03", 0}, {"2026-04-02", 1}, {"2026-04-02", 1}, {"2026-04-06", 1}, {"2026-04-07", 2}, {"2026-04-08", 2}} {
				if err := jobs.RemindCommentRounds(ctx, s, cal, at(tt.day)); err != nil {
					t.Fatal(err)
				}
				if got := reminders(tartu); got != tt.want {
					t.Errorf("after %s Tartu has %d reminders, want %d", tt.day, got, tt.want)
				}
			}
			if got := reminders(tallinn); got != 0 {
				t.Errorf("Tallinn, which responded, was reminded %d times", got)
			}
		})
	}
}
