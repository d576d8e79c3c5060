package auth

import (
	"slices"
	"testing"
)

func TestNeedScopeAll(t *testing.T) {
	for _, c := range []struct {
		name      string
		u         *User
		ehaks     []string
		submitted bool
		fails     bool
	}{
		{"anonymous", nil, nil, false, true},
		{"reader", &User{Role: RoleReader, Active: true}, nil, true, false},
		{"coordinator", &User{Role: RoleCoordinator, Active: true}, nil, false, false},
		{"editor", &User{Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}, []string{"0793"}, false, false},
		{"editor of two", &User{Role: RoleEditor, MunicipalityEHAK: "0171", Municipalities: []string{"0171", "0586"}, Active: true},
			[]string{"0171", "0586"}, false, false},
	} {
		ehaks, submitted, err := NeedScopeAll(c.u)
		if (err != nil) != c.fails || !slices.Equal(ehaks, c.ehaks) || submitted != c.submitted {
			t.Errorf("%s: %v %v %v", c.name, ehaks, submitted, err)
		}
		for _, e := range ehaks {
			if err := CanEditMunicipality(c.u, e); err != nil {
				t.Errorf("%s lists %s's needs without editing for it", c.name, e)
			}
		}
	}
}
