package jobs_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/jobs"
	"kovit/internal/kovit"
	"kovit/internal/notify"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/survey"
)

// The municipalities that have not submitted a response are reminded 14, 7 and 1 days
// before a survey's deadline, once per step however often the job runs; one that
// submitted, and a closed survey, get nothing.
func TestSurveyReminderJob(t *testing.T) {
	for _, e := range sqlstoretest.Engines() {
		t.Run(e, func(t *testing.T) {
			s := sqlstoretest.New(t, e)
			ctx := context.Background()
			coord, _ := s.CreateUser(ctx, auth.NewUser{Email: "kati@kovit.test", Name: "Kati", Role: auth.RoleCoordinator}, "", false)
			cctx := auth.WithUser(ctx, &coord)
			tartu, _ := s.CreateUser(ctx, auth.NewUser{Email: "mari@tartu.ee", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "", false)
			tallinn, _ := s.CreateUser(ctx, auth.NewUser{Email: "jaan@tallinn.ee", Name: "Jaan", Role: auth.RoleEditor, MunicipalityEHAK: "0784"}, "", false)
			narva, _ := s.CreateUser(ctx, auth.NewUser{Email: "olga@narva.ee", Name: "Olga", Role: auth.RoleEditor, MunicipalityEHAK: "0511"}, "", false)
			q := []survey.Question{{Key: "stream", Text: "Ülekanded?", Type: survey.Single, Options: []string{"jah", "ei"}}}
			open, err := s.CreateSurvey(cctx, survey.Survey{Year: 2026, Title: "E-demokraatia 2026", Deadline: "2026-12-01", Open: true, Questions: q})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.CreateSurvey(cctx, survey.Survey{Year: 2025, Title: "Suletud", Deadline: "2026-12-01", Questions: q}); err != nil {
				t.Fatal(err)
			}
			// Tallinn submitted; Narva keeps a draft, which is not submitted.
			if _, err := s.SaveResponse(cctx, survey.Response{SurveyID: open.ID, MunicipalityEHAK: "0784", Answers: map[string]survey.Answer{"stream": {Text: "jah"}}}, true); err != nil {
				t.Fatal(err)
			}
			if _, err := s.SaveResponse(cctx, survey.Response{SurveyID: open.ID, MunicipalityEHAK: "0511", Answers: map[string]survey.Answer{"stream": {Text: "ei"}}}, false); err != nil {
				t.Fatal(err)
			}
			due := func(u auth.User) int {
				ns, _, _, err := s.Notifications(ctx, u.ID, 50, 0)
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, x := range ns {
					if x.Kind == notify.SurveyDue {
						n++
					}
				}
				return n
			}
			job := jobs.SurveyReminders(s)
			for _, c := range []struct {
				day  string
				want int // reminders Tartu has had by then
			}{
				{"2026-11-10", 0}, {"2026-11-17", 1}, {"2026-11-18", 1}, {"2026-11-24", 2}, {"2026-11-24", 2},
				{"2026-11-30", 3}, {"2026-12-01", 3}, {"2026-12-02", 3},
			} {
				d, _ := time.Parse(time.DateOnly, c.day)
				for _, hour := range []int{8, 15} {
					if err := job.Run(ctx, time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, kovit.Estonia)); err != nil {
						t.Fatal(err)
					}
				}
				if got := due(tartu); got != c.want {
					t.Errorf("%s: Tartu has %d reminders, want %d", c.day, got, c.want)
				}
			}
			if got := due(narva); got != 3 {
				t.Errorf("Narva, with a draft, has %d reminders, want 3", got)
			}
			if got := due(tallinn); got != 0 {
				t.Errorf("Tallinn, which submitted, has %d reminders", got)
			}
		})
	}
}
