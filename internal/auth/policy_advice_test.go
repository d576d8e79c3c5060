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
