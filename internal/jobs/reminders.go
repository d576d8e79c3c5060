package jobs

import (
	"context"
	"time"

	"kovit/internal/auth"
	"kovit/internal/mail"
	"kovit/internal/need"
)

// ReminderStore is what the needs rounds' reminders read and keep.
type ReminderStore interface {
	need.Store
	Settings
	ListUsers(ctx context.Context, f auth.UserFilter) ([]auth.User, int, error)
}

// Reminders joins the needs rounds' reminders to the store's users and settings and to the
// mail server; the round page's button sends through the same. A sent automatic reminder
// is recorded as a setting, so a restart does not send it again.
func Reminders(s ReminderStore, m mail.Sender, baseURL string) *need.Reminders {
	active := true
	return &need.Reminders{
		Needs:   s,
		BaseURL: baseURL,
		Now:     time.Now,
		Editors: func(ctx context.Context, ehaks []string) ([]string, error) {
			var to []string
			for _, ehak := range ehaks {
				users, _, err := s.ListUsers(ctx, auth.UserFilter{Role: auth.RoleEditor, MunicipalityEHAK: ehak, Active: &active, Limit: 100})
				if err != nil {
					return nil, err
				}
				for _, u := range users {
					if u.Email != "" {
						to = append(to, u.Email)
					}
				}
			}
			return to, nil
		},
		Send: func(ctx context.Context, to, subject, text string) error {
			return m.Send(ctx, mail.Message{To: []string{to}, Subject: subject, Text: text})
		},
		Sent: func(ctx context.Context, key string) (bool, error) {
			v, err := s.Setting(ctx, key)
			return v != "", err
		},
		MarkSent: func(ctx context.Context, key string) error {
			return s.SetSetting(ctx, key, time.Now().UTC().Format(time.RFC3339))
		},
	}
}

// RoundReminders sends the needs rounds' automatic deadline reminders that are due
// (need.Reminders.SendDue), looking every hour. A failed run is tried again an hour later:
// the editors reached before the failure would get the reminder again.
func RoundReminders(r *need.Reminders) Job {
	return Job{Name: "need_round_reminders", Due: Every(time.Hour), Retry: time.Hour, Run: func(ctx context.Context, now time.Time) error {
		at := *r
		at.Now = func() time.Time { return now }
		return at.SendDue(ctx)
	}}
}
