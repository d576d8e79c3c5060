package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/notify"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestLinkMailsQueued: an invitation and a forgotten password put their mail in the
// notification outbox, immediate whatever the user chose and already read; a request
// for an address without an active account puts nothing there.
func TestLinkMailsQueued(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		s.Now = func() time.Time { return now }
		users, err := s.Invite(ctx, []auth.Invitation{{NewUser: auth.NewUser{Email: "mari@tartu.ee", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}}})
		if err != nil {
			t.Fatal(err)
		}
		mari := users[0]
		gone, err := s.CreateUser(ctx, auth.NewUser{Email: "jaan@tartu.ee", Name: "Jaan", Role: auth.RoleReader}, "h", false)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UpdateUser(ctx, gone.ID, auth.UserUpdate{Name: gone.Name, Role: gone.Role, Active: false, Version: gone.Version}); err != nil {
			t.Fatal(err)
		}
		for _, email := range []string{" Mari@Tartu.ee", "nobody@tartu.ee", "jaan@tartu.ee"} {
			if err := s.RequestReset(ctx, email); err != nil {
				t.Fatal(err)
			}
		}
		due, err := s.MailDue(ctx, notify.Immediate, now.Add(time.Second))
		if err != nil || len(due) != 1 || due[0] != mari.ID {
			t.Fatalf("due %v %v, want only Mari's", due, err)
		}
		got, err := s.ClaimMail(ctx, mari.ID, notify.Immediate, now.Add(time.Second), now)
		if err != nil || len(got) != 2 || got[0].Kind != notify.AccountInvite || got[1].Kind != notify.PasswordReset ||
			got[0].Title != "mari@tartu.ee" || got[0].Delivery != notify.Immediate {
			t.Fatalf("claimed %+v %v", got, err)
		}
		if n, err := s.UnreadNotifications(ctx, mari.ID); err != nil || n != 0 {
			t.Errorf("unread %d %v: a link's mail is a record, not news", n, err)
		}
	})
}
