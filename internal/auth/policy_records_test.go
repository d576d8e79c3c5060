package auth

import "testing"

func TestCanEditRecordsScale(t *testing.T) {
	for _, c := range []struct {
		u    *User
		want bool
	}{
		{nil, false},
		{&User{ID: 1, Role: RoleReader, Active: true}, false},
		{&User{ID: 2, Role: RoleEditor, Active: true, MunicipalityEHAK: "0171"}, false},
		{&User{ID: 3, Role: RoleCoordinator, Active: true}, true},
		{&User{ID: 4, Role: RoleAdmin, Active: true}, true},
	} {
		if got := Allowed(CanEditRecordsScale(c.u)); got != c.want {
			t.Errorf("%+v: %v, want %v", c.u, got, c.want)
		}
	}
}
