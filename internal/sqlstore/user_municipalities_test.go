package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/kovit"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestUserMunicipalities: an editor's list of municipalities is stored, loaded by every
// way of reading a user, kept by an update that does not name it, and checked.
func TestUserMunicipalities(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		u, err := s.CreateUser(ctx, auth.NewUser{Email: "it@elva.ee", Name: "Jaan", Role: auth.RoleEditor,
			Municipalities: []string{"0171", " 0586 "}}, "hash", false)
		if err != nil {
			t.Fatal(err)
		}
		if u.MunicipalityEHAK != "0171" || !slices.Equal(u.Municipalities, []string{"0171", "0586"}) {
			t.Fatalf("created %q %v", u.MunicipalityEHAK, u.Municipalities)
		}
		byMail, _ := s.UserByEmail(ctx, "it@elva.ee")
		if !slices.Equal(byMail.Municipalities, u.Municipalities) {
			t.Errorf("by e-mail %v", byMail.Municipalities)
		}
		for _, ehak := range []string{"0171", "0586"} {
			list, total, err := s.ListUsers(ctx, auth.UserFilter{MunicipalityEHAK: ehak})
			if err != nil || total != 1 || list[0].ID != u.ID || len(list[0].Municipalities) != 2 {
				t.Errorf("list of %s: %d %v %v", ehak, total, list, err)
			}
		}
		// A rename without a list keeps the others; a list replaces them, primary first.
		up, err := s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Jaan J", Role: auth.RoleEditor, MunicipalityEHAK: "0171",
			Active: true, Version: u.Version})
		if err != nil || !slices.Equal(up.Municipalities, []string{"0171", "0586"}) {
			t.Fatalf("rename: %v %v", up.Municipalities, err)
		}
		up, err = s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Jaan J", Role: auth.RoleEditor, MunicipalityEHAK: "0586",
			Municipalities: []string{"0793", "0586"}, Active: true, Version: up.Version})
		if err != nil || up.MunicipalityEHAK != "0586" || !slices.Equal(up.Municipalities, []string{"0586", "0793"}) {
			t.Fatalf("new list: %q %v %v", up.MunicipalityEHAK, up.Municipalities, err)
		}
		// A new primary one without a list: the editor moved from Peipsiääre, keeping Tartu.
		moved, err := s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Jaan J", Role: auth.RoleEditor, MunicipalityEHAK: "0784",
			Active: true, Version: up.Version})
		if err != nil || !slices.Equal(moved.Municipalities, []string{"0784", "0793"}) {
			t.Fatalf("moved: %v %v", moved.Municipalities, err)
		}
		up, err = s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Jaan J", Role: auth.RoleEditor, MunicipalityEHAK: "0586",
			Municipalities: []string{"0586", "0793"}, Active: true, Version: moved.Version})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name string
			list []string
			role auth.Role
		}{
			{"unknown", []string{"0586", "9999"}, auth.RoleEditor},
			{"twice", []string{"0586", "0793", "0793"}, auth.RoleEditor},
			{"reader", []string{"0586", "0793"}, auth.RoleReader},
		} {
			_, err := s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Jaan J", Role: c.role, Municipalities: c.list, Active: true, Version: up.Version})
			if !kovit.FieldsOf(err).Has("municipalities") {
				t.Errorf("%s: %v", c.name, err)
			}
		}
		got, _ := s.User(ctx, u.ID)
		if got.Version != up.Version || !slices.Equal(got.Municipalities, []string{"0586", "0793"}) {
			t.Errorf("a refused update changed %v", got.Municipalities)
		}
		// A reader has no municipalities left behind.
		r, err := s.UpdateUser(ctx, u.ID, auth.UserUpdate{Name: "Jaan J", Role: auth.RoleReader, Active: true, Version: got.Version})
		if err != nil || r.Municipalities != nil || r.MunicipalityEHAK != "" {
			t.Errorf("reader: %v %v", r.Municipalities, err)
		}
	})
}
