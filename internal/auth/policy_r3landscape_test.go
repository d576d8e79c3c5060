package auth

import "testing"

func TestCanEditRecordsScale(t *testing.T) {
	for _, c := range []struct {
		u    *User
		want bool
	}{
		{nil, false},
		{&User{ID: 1, Role: RoleReader}, false},
		{&User{ID: 2, Role: RoleEditor, MunicipalityEHAK: "0171"}, false},
		{&User{ID: 3, Role: RoleCoordinator}, true},
		{&User{ID: 4, Role: RoleAdmin}, true},
	} {
		if got := Allowed(CanEditRecordsScale(c.u)); got != c.want {
			t.Errorf("%+v: %v, want %v", c.u, got, c.want)
		}
	}
}
