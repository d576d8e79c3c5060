package auth

import "testing"

// TestViewKey: every user, and every change to what decides what a user sees, has a key of
// its own; nobody signed in, and a user who must first change their password, none.
func TestViewKey(t *testing.T) {
	base := User{ID: 7, Version: 3, Role: RoleEditor, MunicipalityEHAK: "0784", Active: true, SessionEpoch: 1, Name: "Mari"}
	variants := map[string]func(u *User){
		"another user":            func(u *User) { u.ID = 8 },
		"account changed":         func(u *User) { u.Version = 4 },
		"signed in again":         func(u *User) { u.SessionEpoch = 2 },
		"another role":            func(u *User) { u.Role = RoleCoordinator },
		"another municipality":    func(u *User) { u.MunicipalityEHAK = "0793" },
		"a second municipality":   func(u *User) { u.Municipalities = []string{"0784", "0793"} },
		"lead":                    func(u *User) { u.Lead = true },
		"public commenter":        func(u *User) { u.PublicCommenter = true },
		"by token":                func(u *User) { u.ByToken = true },
		"the same user, inactive": func(u *User) { u.Active = false },
	}
	key := ViewKey(&base)
	if key == "" {
		t.Fatal("no key for a signed-in editor")
	}
	seen := map[string]string{key: "base"}
	for name, change := range variants {
		u := base
		change(&u)
		k := ViewKey(&u)
		if k == "" {
			t.Errorf("%s: no key", name)
		}
		if other, ok := seen[k]; ok {
			t.Errorf("%s: the key of %s (%q)", name, other, k)
		}
		seen[k] = name
	}
	renamed := base
	renamed.Name = "Mari Maasikas" // a rename moves the version on; the name itself is not read
	if ViewKey(&renamed) != key {
		t.Errorf("the key reads more than the account's version")
	}
	if ViewKey(nil) != "" {
		t.Error("a key for nobody")
	}
	pending := base
	pending.MustChangePassword, pending.PasswordHash = true, "x"
	if ViewKey(&pending) != "" {
		t.Error("a key for a user who must change their password first")
	}
}
