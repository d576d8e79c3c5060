package sqlstore_test

import (
	"context"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestCredentialsEnd: setting a password and deactivating an account move the user's
// session epoch on and revoke every token, in the audit trail; reactivating brings no
// token back, and other changes to the account leave both alone.
func TestCredentialsEnd(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, auth.NewUser{Email: "it@tartu.ee", Name: "Mari", Role: auth.RoleReader}, "hash", false)
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.CreateUser(ctx, auth.NewUser{Email: "jaan@tartu.ee", Name: "Jaan", Role: auth.RoleReader}, "hash", false)
		if err != nil {
			t.Fatal(err)
		}
		newToken := func(id int64) string {
			t.Helper()
			tok, prefix, hash := auth.GenerateToken()
			if _, err := s.CreateToken(ctx, id, "skript", prefix, hash); err != nil {
				t.Fatal(err)
			}
			return tok
		}
		works := func(tok string) bool {
			_, err := s.UserByTokenHash(ctx, auth.HashToken(tok))
			return err == nil
		}
		epoch := func() int64 {
			got, err := s.User(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got.SessionEpoch
		}
		othersToken := newToken(other.ID)

		// A change of name keeps sessions and tokens.
		tok := newToken(u.ID)
		cur, _ := s.User(ctx, u.ID)
		if _, err := s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Mari M", Role: auth.RoleReader, Active: true, Version: cur.Version}); err != nil {
			t.Fatal(err)
		}
		if e := epoch(); e != 0 || !works(tok) {
			t.Errorf("after a change of name: epoch %d, token works %v; want 0 and true", e, works(tok))
		}

		if err := s.SetPassword(ctx, u.ID, "newhash", false); err != nil {
			t.Fatal(err)
		}
		if e := epoch(); e != 1 || works(tok) {
			t.Errorf("after a new password: epoch %d, token works %v; want 1 and false", e, works(tok))
		}
		tokens, _ := s.ListTokens(ctx, u.ID)
		if len(tokens) != 1 || tokens[0].RevokedAt == nil {
			t.Errorf("tokens after a new password: %+v", tokens)
		}

		tok = newToken(u.ID)
		cur, _ = s.User(ctx, u.ID)
		if _, err := s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Mari M", Role: auth.RoleReader, Active: false, Version: cur.Version}); err != nil {
			t.Fatal(err)
		}
		cur, _ = s.User(ctx, u.ID)
		if _, err := s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Mari M", Role: auth.RoleReader, Active: true, Version: cur.Version}); err != nil {
			t.Fatal(err)
		}
		if e := epoch(); e != 2 || works(tok) {
			t.Errorf("after deactivating and reactivating: epoch %d, token works %v; want 2 and false", e, works(tok))
		}
		if !works(othersToken) {
			t.Error("another user's token was revoked")
		}
		_, revoked, err := s.ListEvents(ctx, audit.Filter{Entity: "api_token", Action: audit.Update})
		if err != nil {
			t.Fatal(err)
		}
		if revoked != 2 {
			t.Errorf("%d token revocations in the audit trail, want 2", revoked)
		}
	})
}
