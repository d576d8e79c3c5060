package auth

import (
	"testing"

	"kovit/internal/kovit"
)

// TestLandscapePolicy: who may read costs, edit, sign off and keep the catalogue.
func TestLandscapePolicy(t *testing.T) {
	coord := &User{ID: 2, Role: RoleCoordinator, Active: true}
	lead := &User{ID: 3, Role: RoleEditor, MunicipalityEHAK: "0793", Lead: true, Active: true}
	editor := &User{ID: 4, Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}
	reader := &User{ID: 5, Role: RoleReader, Active: true}
	other := &User{ID: 7, Role: RoleEditor, MunicipalityEHAK: "0784", Active: true}
	for _, c := range []struct {
		name string
		got  error
		want kovit.Code
	}{
		{"public reads an accepted solution", CanReadSolution(nil, true), ""},
		{"public reads a proposal", CanReadSolution(nil, false), kovit.EUnauthorized},
		{"reader reads a proposal", CanReadSolution(reader, false), ""},
		{"public reads rows", CanReadLandscape(nil), kovit.EUnauthorized},
		{"reader reads rows", CanReadLandscape(reader), ""},
		{"reader reads costs", CanReadContractCosts(reader, "0793"), kovit.EForbidden},
		{"other editor reads costs", CanReadContractCosts(other, "0793"), kovit.EForbidden},
		{"own editor reads costs", CanReadContractCosts(editor, "0793"), ""},
		{"coordinator reads costs", CanReadContractCosts(coord, "0793"), ""},
		{"editor declares own", CanEditLandscape(editor, "0793"), ""},
		{"editor declares another's", CanEditLandscape(editor, "0784"), kovit.EForbidden},
		{"lead signs off own", CanSignOffLandscape(lead, "0793"), ""},
		{"lead signs off another's", CanSignOffLandscape(lead, "0784"), kovit.EForbidden},
		{"editor signs off own", CanSignOffLandscape(editor, "0793"), kovit.EForbidden},
		{"coordinator signs off", CanSignOffLandscape(coord, "0793"), ""},
		{"public signs off", CanSignOffLandscape(nil, "0793"), kovit.EUnauthorized},
		{"editor proposes", CanProposeSolution(editor), ""},
		{"reader proposes", CanProposeSolution(reader), kovit.EForbidden},
		{"editor edits the catalogue", CanEditCatalogue(editor), kovit.EForbidden},
		{"coordinator edits the catalogue", CanEditCatalogue(coord), ""},
	} {
		if got := kovit.ErrorCode(c.got); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	if ContractReader(other)("0793") || !ContractReader(editor)("0793") {
		t.Error("ContractReader disagrees with CanReadContractCosts")
	}
}
