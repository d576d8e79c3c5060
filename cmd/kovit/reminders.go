package main

import (
	"context"
	"time"

	"kovit/internal/auth"
	"kovit/internal/mail"
	"kovit/internal/need"
)

// reminders joins the needs rounds' reminders to the store's users and settings and to
// the mail server. A sent automatic reminder is recorded as a setting, so a restart does
// not send it again.
func (a *app) reminders(baseURL string) *need.Reminders {
	active := true
	return &need.Reminders{
		Needs:   a.store,
		BaseURL: baseURL,
		Now:     time.Now,
		Editors: func(ctx context.Context, ehaks []string) ([]string, error) {
			var to []string
			for _, ehak := range ehaks {
				users, _, err := a.store.ListUsers(ctx, auth.UserFilter{Role: auth.RoleEditor, MunicipalityEHAK: ehak, Active: &active, Limit: 100})
				if err != nil {
					return nil, err
				}
				for _, u := range users {
					to = append(to, u.Email)
				}
			}
			return to, nil
		},
		Send: func(ctx context.Context, to, subject, text string) error {
			return a.mail.Send(ctx, mail.Message{To: []string{to}, Subject: subject, Text: text})
		},
		Sent: func(ctx context.Context, key string) (bool, error) {
			v, err := a.store.Setting(ctx, key)
			return v != "", err
		},
		MarkSent: func(ctx context.Context, key string) error {
			return a.store.SetSetting(ctx, key, time.Now().UTC().Format(time.RFC3339))
		},
	}
}
