package auth

import (
	"testing"

	"kovit/internal/kovit"
)

// TestOnboardingPolicy: who may invite whom, deactivate and record a personal code.
func TestOnboardingPolicy(t *testing.T) {
	admin := &User{ID: 1, Role: RoleAdmin, Active: true}
	coord := &User{ID: 2, Role: RoleCoordinator, Active: true}
	lead := &User{ID: 3, Role: RoleEditor, MunicipalityEHAK: "0793", Lead: true, Active: true}
	editor := &User{ID: 4, Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}
	reader := &User{ID: 5, Role: RoleReader, Active: true}
	formerLead := &User{ID: 6, Role: RoleEditor, MunicipalityEHAK: "0793", Lead: true}
	tallinn := User{ID: 7, Role: RoleEditor, MunicipalityEHAK: "0784", Active: true}
	for _, c := range []struct {
		name string
		got  error
		want kovit.Code
	}{
		{"public invites", CanInvite(nil, RoleEditor, "0793"), kovit.EUnauthorized},
		{"admin invites an admin", CanInvite(admin, RoleAdmin, ""), ""},
		{"coordinator invites an editor", CanInvite(coord, RoleEditor, "0784"), ""},
		{"coordinator invites an admin", CanInvite(coord, RoleAdmin, ""), kovit.EForbidden},
		{"lead invites own editor", CanInvite(lead, RoleEditor, "0793"), ""},
		{"lead invites another's editor", CanInvite(lead, RoleEditor, "0784"), kovit.EForbidden},
		{"lead invites a coordinator", CanInvite(lead, RoleCoordinator, ""), kovit.EForbidden},
		{"lead invites a reader", CanInvite(lead, RoleReader, ""), kovit.EForbidden},
		{"editor invites", CanInvite(editor, RoleEditor, "0793"), kovit.EForbidden},
		{"deactivated lead invites", CanInvite(formerLead, RoleEditor, "0793"), kovit.EForbidden},
		{"reader opens invitations", CanOpenInvitations(reader), kovit.EForbidden},
		{"lead deactivates own editor", CanDeactivateUser(lead, *editor), ""},
		{"lead deactivates themselves", CanDeactivateUser(lead, *lead), kovit.EForbidden},
		{"lead deactivates another's editor", CanDeactivateUser(lead, tallinn), kovit.EForbidden},
		{"lead deactivates a reader", CanDeactivateUser(lead, *reader), kovit.EForbidden},
		{"coordinator deactivates", CanDeactivateUser(coord, *editor), kovit.EForbidden},
		{"admin deactivates", CanDeactivateUser(admin, *editor), ""},
		{"admin deactivates themselves", CanDeactivateUser(admin, *admin), kovit.EForbidden},
		{"lead records own editor's code", CanSetPersonalCode(lead, *editor), ""},
		{"lead records another's editor's code", CanSetPersonalCode(lead, tallinn), kovit.EForbidden},
		{"lead records a coordinator's code", CanSetPersonalCode(lead, *coord), kovit.EForbidden},
		{"admin records a coordinator's code", CanSetPersonalCode(admin, *coord), ""},
		{"coordinator records a code", CanSetPersonalCode(coord, *editor), kovit.EForbidden},
		{"coordinator marks a lead", CanMarkLead(coord), kovit.EForbidden},
	} {
		if got := kovit.ErrorCode(c.got); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
