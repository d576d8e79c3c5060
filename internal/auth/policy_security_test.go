package auth

import (
	"testing"

	"kovit/internal/kovit"
)

func TestSecurityEmbargo(t *testing.T) {
	tallinn := &User{ID: 1, Role: RoleEditor, MunicipalityEHAK: "0784", Active: true}
	tartu := &User{ID: 2, Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}
	reader := &User{ID: 3, Role: RoleReader, Active: true}
	coord := &User{ID: 4, Role: RoleCoordinator, Active: true}
	gone := &User{ID: 5, Role: RoleEditor, MunicipalityEHAK: "0784"}
	for _, c := range []struct {
		name string
		u    *User
		want kovit.Code
	}{
		{"the public", nil, kovit.EUnauthorized},
		{"the municipality's editor", tallinn, ""},
		{"another municipality's editor", tartu, kovit.EForbidden},
		{"a reader", reader, kovit.EForbidden},
		{"a coordinator", coord, ""},
		{"a deactivated editor", gone, kovit.EForbidden},
	} {
		if got := kovit.ErrorCode(CanReadAssessment(c.u, "0784")); got != c.want {
			t.Errorf("%s reads Tallinn's answers: %q, want %q", c.name, got, c.want)
		}
		if got := kovit.ErrorCode(CanAnswerAssessment(c.u, "0784")); got != c.want {
			t.Errorf("%s answers for Tallinn: %q, want %q", c.name, got, c.want)
		}
	}
	for _, u := range []*User{nil, tallinn, reader} {
		if CanReadSecurityAggregates(u, false) == nil {
			t.Errorf("%v reads aggregates before publication", u)
		}
		if CanReadSecurityAggregates(u, true) != nil {
			t.Errorf("%v may not read published aggregates", u)
		}
		if CanManageSecurityRounds(u) == nil {
			t.Errorf("%v manages rounds", u)
		}
	}
	if CanManageSecurityRounds(coord) != nil || CanReadSecurityAggregates(coord, false) != nil {
		t.Error("a coordinator is refused")
	}
	if AssessmentOf(tallinn) != "0784" || AssessmentOf(coord) != "" || AssessmentOf(reader) != "" {
		t.Error("AssessmentOf")
	}
}
