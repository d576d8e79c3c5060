package sqlstore_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestUsersAndTokens(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, auth.NewUser{Email: " IT@Tartu.ee ", Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793"}, "hash", true)
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != "it@tartu.ee" || !u.Active || !u.MustChangePassword || u.Version != 1 {
			t.Errorf("created %+v", u)
		}
		dup := auth.NewUser{Email: "it@tartu.ee", Name: "Mari 2", Role: auth.RoleEditor, MunicipalityEHAK: "9999"}
		fields := kovit.FieldsOf(func() error { _, err := s.CreateUser(ctx, dup, "h", false); return err }())
		if !fields.Has("email") || !fields.Has("municipality_ehak") {
			t.Errorf("duplicate e-mail / unknown municipality: %v", fields)
		}
		if n, _ := s.CountUsers(ctx); n != 1 {
			t.Errorf("half-saved: %d users", n)
		}
		byMail, err := s.UserByEmail(ctx, "IT@TARTU.EE")
		if err != nil || byMail.ID != u.ID {
			t.Errorf("by e-mail: %+v %v", byMail, err)
		}
		up, err := s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Mari M", Role: auth.RoleReader, Active: false, Version: u.Version})
		if err != nil || up.Role != auth.RoleReader || up.Active || up.MunicipalityEHAK != "" {
			t.Fatalf("update: %+v %v", up, err)
		}
		if _, err := s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "X", Role: auth.RoleReader, Version: u.Version}); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale user update: %v", err)
		}
		if err := s.SetPassword(ctx, u.ID, "newhash", false); err != nil {
			t.Fatal(err)
		}
		got, _ := s.User(ctx, u.ID)
		if got.PasswordHash != "newhash" || got.MustChangePassword {
			t.Errorf("password not set: %+v", got)
		}
		if _, err := s.User(ctx, 999); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("missing user: %v", err)
		}

		// Tokens: found while the user is active and the token unrevoked.
		if _, err := s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Mari M", Role: auth.RoleReader, Active: true, Version: got.Version}); err != nil {
			t.Fatal(err)
		}
		tok, prefix, hash := auth.GenerateToken()
		created, err := s.CreateToken(ctx, u.ID, "skript", prefix, hash)
		if err != nil {
			t.Fatal(err)
		}
		if who, err := s.UserByTokenHash(ctx, auth.HashToken(tok)); err != nil || who.ID != u.ID {
			t.Fatalf("token lookup: %+v %v", who, err)
		}
		if err := s.RevokeToken(ctx, u.ID+1, created.ID); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("revoking another's token: %v", err)
		}
		if err := s.RevokeToken(ctx, u.ID, created.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByTokenHash(ctx, hash); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("revoked token still works: %v", err)
		}
		list, _ := s.ListTokens(ctx, u.ID)
		if len(list) != 1 || list[0].RevokedAt == nil || list[0].LastUsedAt == nil {
			t.Errorf("tokens %+v", list)
		}
		users, total, err := s.ListUsers(ctx, auth.UserFilter{Q: "mari"})
		if err != nil || total != 1 || len(users) != 1 {
			t.Errorf("list users: %d %v", total, err)
		}
	})
}

// TestConcurrentWriters: 16 writers at once must all succeed, with no "database is locked".
func TestConcurrentWriters(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: 16})
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make(chan error, 16*10)
		for i, m := range ms {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for n := range 10 {
					cur, err := s.Municipality(ctx, m.EHAK)
					if err == nil {
						_, err = s.UpdateDetails(ctx, m.EHAK, municipality.Details{
							Contact: municipality.Contact{Name: fmt.Sprintf("writer %d round %d", i, n)}, Version: cur.Version})
					}
					if err == nil {
						_, err = s.CreateUser(ctx, auth.NewUser{Email: fmt.Sprintf("w%d-%d@kovit.ee", i, n), Name: "W", Role: auth.RoleReader}, "h", false)
					}
					if err != nil {
						errs <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		if n, _ := s.CountUsers(ctx); n != 160 {
			t.Errorf("users = %d, want 160", n)
		}
	})
}

func TestSessionsAndSettings(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		ss := s.Sessions()
		// The store's test clock starts at 2026-11-25; a session expiring in 2030 is live.
		live, expired := "live", "expired"
		if err := ss.CommitCtx(ctx, live, []byte("a"), mustTime("2030-01-01")); err != nil {
			t.Fatal(err)
		}
		if err := ss.CommitCtx(ctx, live, []byte("b"), mustTime("2030-01-01")); err != nil {
			t.Fatal(err)
		}
		if err := ss.CommitCtx(ctx, expired, []byte("c"), mustTime("2020-01-01")); err != nil {
			t.Fatal(err)
		}
		if b, ok, err := ss.FindCtx(ctx, live); err != nil || !ok || string(b) != "b" {
			t.Errorf("live: %q %v %v", b, ok, err)
		}
		if _, ok, _ := ss.FindCtx(ctx, expired); ok {
			t.Error("expired session found")
		}
		if err := ss.DeleteExpired(ctx); err != nil {
			t.Fatal(err)
		}
		if err := ss.DeleteCtx(ctx, live); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := ss.FindCtx(ctx, live); ok {
			t.Error("deleted session found")
		}
		if v, _ := s.Setting(ctx, "synthetic"); v != "" {
			t.Errorf("unset setting = %q", v)
		}
		s.SetSetting(ctx, "synthetic", "yes")
		s.SetSetting(ctx, "synthetic", "true")
		if v, _ := s.Setting(ctx, "synthetic"); v != "true" {
			t.Errorf("setting = %q", v)
		}
	})
}
