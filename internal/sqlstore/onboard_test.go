package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestLinks: an invitation makes accounts all or none; a link works once, not after it
// expires nor once a newer one is issued; using it sets the password and ends the user's
// sessions; a personal code is found by itself and kept only as a hash and a hint.
func TestLinks(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
		s.Now = func() time.Time { return now }
		_, good := auth.GenerateLinkToken()
		// The second row's municipality does not exist: neither account is made.
		_, err := s.Invite(ctx, []auth.Invitation{
			{NewUser: auth.NewUser{Email: "mari@tartu.ee", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}},
			{NewUser: auth.NewUser{Email: "jaan@tartu.ee", Name: "Jaan", Role: auth.RoleEditor, MunicipalityEHAK: "9999"}},
		})
		if kovit.ErrorCode(err) != kovit.EInvalid {
			t.Fatalf("invite with an unknown municipality: %v", err)
		}
		if _, err := s.UserByEmail(ctx, "mari@tartu.ee"); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Fatalf("half an invitation was saved: %v", err)
		}
		users, err := s.Invite(ctx, []auth.Invitation{
			{NewUser: auth.NewUser{Email: "Mari@Tartu.ee ", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		mari := users[0]
		if mari.Email != "mari@tartu.ee" || mari.PasswordHash != "" || auth.SignInMatches(&mari, "") {
			t.Fatalf("invited account %+v", mari)
		}
		// The outbox's mail issues the invitation's link (notify.Mailer).
		if err := s.IssueLink(ctx, mari.ID, auth.LinkInvite, good, now.Add(auth.LinkInvite.TTL())); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LinkUser(ctx, auth.LinkReset, good); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("an invitation link works as a reset link: %v", err)
		}
		// A newer invitation ends the first.
		_, newer := auth.GenerateLinkToken()
		if err := s.IssueLink(ctx, mari.ID, auth.LinkInvite, newer, now.Add(auth.LinkInvite.TTL())); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LinkUser(ctx, auth.LinkInvite, good); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("an earlier link still works: %v", err)
		}
		if u, err := s.LinkUser(ctx, auth.LinkInvite, newer); err != nil || u.ID != mari.ID {
			t.Fatalf("newest link: %v %v", u.ID, err)
		}
		_, pending := auth.GenerateLinkToken()
		if err := s.IssueLink(ctx, mari.ID, auth.LinkReset, pending, now.Add(auth.LinkReset.TTL())); err != nil {
			t.Fatal(err)
		}
		epoch := mari.SessionEpoch
		u, err := s.UseLink(ctx, auth.LinkInvite, newer, "hash")
		if err != nil || u.PasswordHash != "hash" || u.SessionEpoch == epoch {
			t.Fatalf("use link: %+v %v", u, err)
		}
		if _, err := s.LinkUser(ctx, auth.LinkReset, pending); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("a reset link outlived the password set through the invitation: %v", err)
		}
		if _, err := s.UseLink(ctx, auth.LinkInvite, newer, "other"); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("a link worked twice: %v", err)
		}
		// A reset link works for an hour.
		_, reset := auth.GenerateLinkToken()
		if err := s.IssueLink(ctx, mari.ID, auth.LinkReset, reset, now.Add(auth.LinkReset.TTL())); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		if _, err := s.UseLink(ctx, auth.LinkReset, reset, "other"); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("an expired link worked: %v", err)
		}

		if err := s.SetPersonalCode(ctx, mari.ID, "38001085719"); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("a code with a wrong check digit: %v", err)
		}
		if err := s.SetPersonalCode(ctx, mari.ID, "38001085718"); err != nil {
			t.Fatal(err)
		}
		got, err := s.UserByPersonalCode(ctx, "38001085718")
		if err != nil || got.ID != mari.ID || got.PersonalCodeHint != "•••••••5718" {
			t.Fatalf("by personal code: %+v %v", got, err)
		}
		if _, err := s.SetLead(ctx, got.ID, true); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.User(ctx, mari.ID); !got.Lead {
			t.Error("lead not saved")
		}
		admin, err := s.CreateUser(ctx, auth.NewUser{Email: "a@kovit.ee", Name: "A", Role: auth.RoleReader}, "h", false)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SetPersonalCode(ctx, admin.ID, "38001085718"); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("one code on two accounts: %v", err)
		}
		if _, err := s.SetLead(ctx, admin.ID, true); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("a reader made a lead: %v", err)
		}
	})
}
