package auth

import (
	"slices"
	"testing"
)

// The lists' answer agrees with CanReadStrategy's: an editor of several municipalities
// reads every one's drafts.
func TestReadableDrafts(t *testing.T) {
	for _, c := range []struct {
		name     string
		u        *User
		drafts   bool
		editorOf []string
	}{
		{"anonymous", nil, false, nil},
		{"inactive", &User{Role: RoleReader}, false, nil},
		{"reader", &User{Role: RoleReader, Active: true}, true, nil},
		{"coordinator", &User{Role: RoleCoordinator, Active: true}, true, nil},
		{"editor", &User{Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}, true, []string{"0793"}},
		{"editor of two", &User{Role: RoleEditor, MunicipalityEHAK: "0793", Municipalities: []string{"0793", "0171"}, Active: true},
			true, []string{"0793", "0171"}},
	} {
		drafts, of := ReadableDrafts(c.u)
		if drafts != c.drafts || !slices.Equal(of, c.editorOf) {
			t.Errorf("%s: %v %q, want %v %q", c.name, drafts, of, c.drafts, c.editorOf)
		}
		for _, e := range of {
			if err := CanReadStrategy(c.u, false, e); err != nil {
				t.Errorf("%s may not read %s's drafts: %v", c.name, e, err)
			}
		}
	}
}
