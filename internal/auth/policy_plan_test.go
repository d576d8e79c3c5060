package auth

import "testing"

// The lists' answer agrees with CanReadStrategy's.
func TestReadableDrafts(t *testing.T) {
	for _, c := range []struct {
		name     string
		u        *User
		drafts   bool
		editorOf string
	}{
		{"anonymous", nil, false, ""},
		{"inactive", &User{Role: RoleReader}, false, ""},
		{"reader", &User{Role: RoleReader, Active: true}, true, ""},
		{"coordinator", &User{Role: RoleCoordinator, Active: true}, true, ""},
		{"editor", &User{Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}, true, "0793"},
	} {
		if drafts, of := ReadableDrafts(c.u); drafts != c.drafts || of != c.editorOf {
			t.Errorf("%s: %v %q, want %v %q", c.name, drafts, of, c.drafts, c.editorOf)
		}
	}
}
