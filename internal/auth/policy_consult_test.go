package auth

import (
	"testing"

	"kovit/internal/kovit"
)

func TestConsultationPolicy(t *testing.T) {
	coord := &User{ID: 1, Role: RoleCoordinator, Active: true}
	editor := &User{ID: 2, Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}
	reader := &User{ID: 3, Role: RoleReader, Active: true}
	gone := &User{ID: 4, Role: RoleEditor, MunicipalityEHAK: "0784"}
	for _, c := range []struct {
		name    string
		u       *User
		public  bool
		ehak    string
		mod     bool
		refused kovit.Code
	}{
		{"public", nil, true, "", false, kovit.EUnauthorized},
		{"editor", editor, false, "0793", false, ""},
		{"reader where members only", reader, false, "", false, kovit.EForbidden},
		{"reader where public", reader, true, "", true, ""},
		{"coordinator", coord, true, "", false, kovit.EForbidden},
		{"deactivated editor", gone, true, "", false, kovit.EForbidden},
	} {
		ehak, mod, err := CommentAs(c.u, c.public)
		if kovit.ErrorCode(err) != c.refused || ehak != c.ehak || mod != c.mod {
			t.Errorf("%s: %q %v %v", c.name, ehak, mod, err)
		}
	}
	if CanReadConsultation(nil, false) == nil || CanReadConsultation(editor, false) == nil || CanReadConsultation(coord, false) != nil || CanReadConsultation(nil, true) != nil {
		t.Error("a draft reads only to its managers, the rest to everyone")
	}
	if CanSeeComment(nil, false, 3) || CanSeeComment(editor, false, 3) || !CanSeeComment(reader, false, 3) || !CanSeeComment(coord, false, 3) || !CanSeeComment(nil, true, 3) {
		t.Error("a pending comment shows to its author and the managers only")
	}
	if CanSeeCommentAuthor(reader, "") || !CanSeeCommentAuthor(nil, "0793") || !CanSeeCommentAuthor(coord, "") {
		t.Error("a public author's name shows to the managers only")
	}
}
