package auth

import (
	"testing"

	"kovit/internal/kovit"
)

func TestR3SecurityPolicy(t *testing.T) {
	for _, c := range []struct {
		name            string
		u               *User
		counts, history kovit.Code
	}{
		{"the public", nil, kovit.EUnauthorized, kovit.EUnauthorized},
		{"a reader", &User{ID: 3, Role: RoleReader, Active: true}, "", kovit.EForbidden},
		{"Tallinn's editor", &User{ID: 1, Role: RoleEditor, MunicipalityEHAK: "0784", Active: true}, "", ""},
		{"Tartu's editor", &User{ID: 2, Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}, "", kovit.EForbidden},
		{"a coordinator", &User{ID: 4, Role: RoleCoordinator, Active: true}, "", ""},
		{"a deactivated editor", &User{ID: 5, Role: RoleEditor, MunicipalityEHAK: "0784"}, kovit.EForbidden, kovit.EForbidden},
	} {
		if got := kovit.ErrorCode(CanReadTrainingCounts(c.u)); got != c.counts {
			t.Errorf("%s reads the counts: %q, want %q", c.name, got, c.counts)
		}
		if got := kovit.ErrorCode(CanReadAssessmentHistory(c.u, "0784")); got != c.history {
			t.Errorf("%s reads Tallinn's assessment history: %q, want %q", c.name, got, c.history)
		}
	}
}
