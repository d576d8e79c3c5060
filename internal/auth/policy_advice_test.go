package auth

import (
	"slices"
	"testing"
)

func TestAdvicePolicy(t *testing.T) {
	admin := &User{ID: 1, Role: RoleAdmin, Active: true}
	coord := &User{ID: 2, Role: RoleCoordinator, Active: true}
	tartu := &User{ID: 3, Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}
	reader := &User{ID: 4, Role: RoleReader, Active: true}
	gone := &User{ID: 5, Role: RoleEditor, MunicipalityEHAK: "0793", Active: false}
	tests := []struct {
		name string
		u    *User
		read bool // a question of Tartu's
		own  bool // a municipality's move on it
		nat  bool // the association's move
		vis  []string
		ehak string
		list bool
	}{
		{"public", nil, false, false, false, []string{"public"}, "", false},
		{"admin", admin, true, true, true, []string{"public", "internal", "draft"}, "", true},
		{"coordinator", coord, true, true, true, []string{"public", "internal", "draft"}, "", true},
		{"Tartu's editor", tartu, true, true, false, []string{"public", "internal"}, "0793", true},
		{"reader", reader, false, false, false, []string{"public", "internal"}, "", false},
		{"inactive editor", gone, false, false, false, []string{"public"}, "", false},
	}
	for _, tt := range tests {
		if got := CanReadInquiry(tt.u, "0793") == nil; got != tt.read {
			t.Errorf("%s reads Tartu's question: %v", tt.name, got)
		}
		if got := CanReadInquiry(tt.u, "0784") == nil; got && tt.u == tartu {
			t.Errorf("%s reads Tallinn's question", tt.name)
		}
		if got := CanMoveInquiry(tt.u, "0793", true) == nil; got != tt.own {
			t.Errorf("%s makes the municipality's move: %v", tt.name, got)
		}
		if got := CanMoveInquiry(tt.u, "0793", false) == nil; got != tt.nat {
			t.Errorf("%s makes the association's move: %v", tt.name, got)
		}
		if got := ReadableVisibilities(tt.u); !slices.Equal(got, tt.vis) {
			t.Errorf("%s reads entries %v, want %v", tt.name, got, tt.vis)
		}
		ehak, err := InquiryScope(tt.u)
		if (err == nil) != tt.list || ehak != tt.ehak {
			t.Errorf("%s lists questions of %q (%v)", tt.name, ehak, err)
		}
	}
}

func TestRoundPolicy(t *testing.T) {
	coord := &User{ID: 2, Role: RoleCoordinator, Active: true}
	lead := &User{ID: 3, Role: RoleEditor, MunicipalityEHAK: "0793", Active: true, Lead: true}
	staff := &User{ID: 4, Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}
	reader := &User{ID: 5, Role: RoleReader, Active: true}
	for _, tt := range []struct {
		name                             string
		u                                *User
		public, restrictedNamed, unnamed bool
		comment, approve                 bool
	}{
		{"public", nil, false, false, false, false, false},
		{"coordinator", coord, true, true, true, true, true},
		{"lead", lead, true, true, false, true, true},
		{"staff", staff, true, true, false, true, false},
		{"reader", reader, true, true, false, false, false},
	} {
		if got := CanReadRound(tt.u, true, false) == nil; got != tt.public {
			t.Errorf("%s reads a public round: %v", tt.name, got)
		}
		if got := CanReadRound(tt.u, false, true) == nil; got != tt.restrictedNamed {
			t.Errorf("%s, named, reads a restricted round: %v", tt.name, got)
		}
		if got := CanReadRound(tt.u, false, false) == nil; got != tt.unnamed {
			t.Errorf("%s, not named, reads a restricted round: %v", tt.name, got)
		}
		if got := CanCommentRound(tt.u, "0793", true) == nil; got != tt.comment {
			t.Errorf("%s comments for Tartu: %v", tt.name, got)
		}
		if CanCommentRound(tt.u, "0793", false) == nil {
			t.Errorf("%s comments on a round that does not ask Tartu", tt.name)
		}
		if got := CanApproveResponse(tt.u, "0793") == nil; got != tt.approve {
			t.Errorf("%s approves Tartu's response: %v", tt.name, got)
		}
		if tt.u == lead && CanApproveResponse(tt.u, "0784") == nil {
			t.Error("Tartu's lead approves Tallinn's response")
		}
	}
}
