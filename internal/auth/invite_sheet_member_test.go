package auth

import (
	"errors"
	"slices"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// TestParseInvitationsSeveral: a sheet's "other municipalities" cell, separated by ';',
// makes an editor of several; an unknown one is named by its column, and a lead may
// invite only into municipalities they all lead.
func TestParseInvitationsSeveral(t *testing.T) {
	header := []string{"Nimi", "E-post", "Roll", "Omavalitsus", "Teised omavalitsused"}
	admin := &User{ID: 1, Role: RoleAdmin, Active: true}
	mayAdmin := func(r Role, ehak string) error { return CanInvite(admin, r, ehak) }
	got, err := ParseInvitations(header, [][]string{{"Mari", "mari@tartu.ee", "toimetaja", "Tartu linn", " 0784 ; "}}, inviteNames, mayAdmin)
	if err != nil || len(got) != 1 || !slices.Equal(got[0].Municipalities, []string{"0793", "0784"}) {
		t.Fatalf("%+v %v", got, err)
	}
	_, err = ParseInvitations(header, [][]string{
		{"Mari", "mari@tartu.ee", "toimetaja", "0793", "Atlantis"},
		{"Jaan", "jaan@tartu.ee", "toimetaja", "0793", "0793"},
	}, inviteNames, mayAdmin)
	var ie *tabular.ImportError
	if !errors.As(err, &ie) || len(ie.Rows) != 2 || ie.Rows[0].Column != "teised omavalitsused" || ie.Rows[1].Column != "teised omavalitsused" {
		t.Fatalf("bad cells: %+v", err)
	}
	lead := &User{ID: 2, Role: RoleEditor, MunicipalityEHAK: "0793", Lead: true, Active: true}
	_, err = ParseInvitations(header, [][]string{{"Jüri", "j@tartu.ee", "editor", "0793", "0784"}},
		inviteNames, func(r Role, ehak string) error { return CanInvite(lead, r, ehak) })
	if kovit.ErrorCode(err) != kovit.EForbidden {
		t.Errorf("lead invites into another municipality too: %v", err)
	}
}
