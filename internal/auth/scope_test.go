package auth

import (
	"testing"

	"kovit/internal/kovit"
)

// TestListScope: what each kind of user sees of a list, and whether they may import.
func TestListScope(t *testing.T) {
	tests := []struct {
		name       string
		u          *User
		want       Scope
		every      bool
		importCode kovit.Code
	}{
		{"public", nil, Scope{Reach: Published}, false, kovit.EUnauthorized},
		{"inactive coordinator", &User{Role: RoleCoordinator}, Scope{Reach: Published}, false, kovit.EForbidden},
		{"reader", &User{Role: RoleReader, Active: true}, Scope{Reach: Internal}, true, kovit.EForbidden},
		{"editor", &User{Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}, Scope{Reach: OwnDrafts, Municipality: "0793"}, false, ""},
		{"coordinator", &User{Role: RoleCoordinator, Active: true}, Scope{Reach: Everything}, true, ""},
		{"admin", &User{Role: RoleAdmin, Active: true}, Scope{Reach: Everything}, true, ""},
	}
	for _, tt := range tests {
		s := ListScope(tt.u)
		if s != tt.want {
			t.Errorf("%s: ListScope %+v, want %+v", tt.name, s, tt.want)
		}
		if s.PublishedOnly() != (tt.want.Reach == Published) || s.EveryMunicipality() != tt.every {
			t.Errorf("%s: PublishedOnly %v, EveryMunicipality %v", tt.name, s.PublishedOnly(), s.EveryMunicipality())
		}
		if got := kovit.ErrorCode(CanImport(tt.u)); got != tt.importCode {
			t.Errorf("%s: CanImport %q, want %q", tt.name, got, tt.importCode)
		}
	}
}
