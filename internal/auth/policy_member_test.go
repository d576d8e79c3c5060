package auth

import (
	"slices"
	"testing"

	"kovit/internal/kovit"
)

// TestSeveralMunicipalities: an editor of Elva and Peipsiääre (two small municipalities
// sharing their IT person) may do in each what an editor of one may, and nothing in a
// third; a lead leads only the accounts all of whose municipalities are theirs.
func TestSeveralMunicipalities(t *testing.T) {
	shared := &User{ID: 1, Role: RoleEditor, MunicipalityEHAK: "0171", Municipalities: []string{"0171", "0586"}, Active: true}
	lead := &User{ID: 2, Role: RoleEditor, MunicipalityEHAK: "0171", Municipalities: []string{"0171", "0586"}, Lead: true, Active: true}
	reader := &User{ID: 3, Role: RoleReader, Municipalities: []string{"0171"}, Active: true}
	otepaa := User{ID: 4, Role: RoleEditor, MunicipalityEHAK: "0586", Active: true}
	both := User{ID: 5, Role: RoleEditor, MunicipalityEHAK: "0586", Municipalities: []string{"0586", "0171"}, Active: true}
	straddles := User{ID: 6, Role: RoleEditor, MunicipalityEHAK: "0586", Municipalities: []string{"0586", "0793"}, Active: true}
	for _, c := range []struct {
		name string
		got  error
		want kovit.Code
	}{
		{"edits primary", CanEditMunicipality(shared, "0171"), ""},
		{"edits second", CanEditMunicipality(shared, "0586"), ""},
		{"edits a third", CanEditMunicipality(shared, "0793"), kovit.EForbidden},
		{"reader's list gives nothing", CanEditMunicipality(reader, "0171"), kovit.EForbidden},
		{"second's plan", CanEditStrategy(shared, "0586"), ""},
		{"third's plan", CanEditStrategy(shared, "0793"), kovit.EForbidden},
		{"second's draft plan", CanReadStrategy(shared, false, "0586"), ""},
		{"third's draft plan", CanReadStrategy(shared, false, "0793"), kovit.EForbidden},
		{"second's history", CanReadMunicipalityHistory(shared, "0586"), ""},
		{"third's history", CanReadMunicipalityHistory(shared, "0793"), kovit.EForbidden},
		{"second's draft need", CanReadNeed(shared, "0586", true), ""},
		{"third's submitted need", CanReadNeed(shared, "0793", false), kovit.EForbidden},
		{"edits second's draft need", CanEditNeed(shared, "0586", true), ""},
		{"edits second's submitted need", CanEditNeed(shared, "0586", false), kovit.EForbidden},
		{"submits second's need", CanMoveNeed(shared, "0586", true), ""},
		{"lead invites to second", CanInvite(lead, RoleEditor, "0586"), ""},
		{"lead invites to a third", CanInvite(lead, RoleEditor, "0793"), kovit.EForbidden},
		{"lead deactivates second's editor", CanDeactivateUser(lead, otepaa), ""},
		{"lead deactivates one of both", CanDeactivateUser(lead, both), ""},
		{"lead deactivates one also of a third", CanDeactivateUser(lead, straddles), kovit.EForbidden},
		{"lead records second's code", CanSetPersonalCode(lead, otepaa), ""},
		{"lead records a straddler's code", CanSetPersonalCode(lead, straddles), kovit.EForbidden},
		{"not a lead", CanDeactivateUser(shared, otepaa), kovit.EForbidden},
	} {
		if got := kovit.ErrorCode(c.got); c.got == nil && c.want != "" || c.got != nil && got != c.want {
			t.Errorf("%s: %v, want %q", c.name, c.got, c.want)
		}
	}
	if !CanBeContact(*shared, "0586") || CanBeContact(*shared, "0793") {
		t.Error("contact of a second municipality's plan")
	}

	s := ListScope(shared)
	if s.Municipality != "0171" || !s.Several() || !slices.Equal(s.Municipalities(), []string{"0171", "0586"}) ||
		!s.Includes("0586") || s.Includes("0793") {
		t.Errorf("scope %+v %v", s, s.Municipalities())
	}
	if one := ListScope(&User{Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}); one.Several() || !slices.Equal(one.Municipalities(), []string{"0793"}) {
		t.Errorf("one municipality's scope %+v", one)
	}
	if ListScope(reader).Includes("0171") || ListScope(nil).Municipalities() != nil {
		t.Error("a reader's or the public's scope includes a municipality")
	}
	for want, got := range map[string]string{"0586": "0586", "0793": "0171", "": "0171"} {
		if c := ChooseMunicipality(shared, want); c != got {
			t.Errorf("choose %q: %q, want %q", want, c, got)
		}
	}
	for _, c := range []struct {
		u    *User
		want string
		ok   bool
	}{
		{shared, "0586", true}, {shared, "", true}, {shared, "0793", false},
		{reader, "0793", true}, // means nothing to a reader's pages
		{&User{Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}, "0586", false},
	} {
		if err := CheckMunicipalityChoice(c.u, c.want); (err == nil) != c.ok || err != nil && !kovit.FieldsOf(err).Has("municipality") {
			t.Errorf("choice of %q by %+v: %v", c.want, c.u, err)
		}
	}
	if ehak, _, err := NeedScopeIn(shared, "0586"); ehak != "0586" || err != nil {
		t.Errorf("need scope of the second: %q %v", ehak, err)
	}
	if ehak, _, _ := NeedScopeIn(shared, "0793"); ehak != "0171" {
		t.Errorf("need scope of a third: %q", ehak)
	}
	if ehak, sub, _ := NeedScopeIn(reader, "0171"); ehak != "" || !sub {
		t.Errorf("reader's need scope: %q %v", ehak, sub)
	}
}

// TestMunicipalityListInput: the list as forms and sheets give it, and its checks.
func TestMunicipalityListInput(t *testing.T) {
	for _, c := range []struct {
		primary string
		list    []string
		want    string
		wantL   []string
	}{
		{"0793", nil, "0793", nil},
		{"", []string{" 0171", "0586 "}, "0171", []string{"0171", "0586"}},
		{"0586", []string{"0171", "0586"}, "0586", []string{"0586", "0171"}},
		{"0793", []string{"0171"}, "0793", []string{"0793", "0171"}},
	} {
		p, l := NormalizeMunicipalities(c.primary, c.list)
		if p != c.want || !slices.Equal(l, c.wantL) {
			t.Errorf("%q %v: %q %v", c.primary, c.list, p, l)
		}
	}
	if got := ParseMunicipalities(" 0171; 0586,0793 ;"); !slices.Equal(got, []string{"0171", "0586", "0793"}) {
		t.Errorf("parse %v", got)
	}
	many := make([]string, MaxMunicipalities+1)
	for i := range many {
		many[i] = string(rune('a' + i))
	}
	for _, c := range []struct {
		n   NewUser
		bad bool
	}{
		{NewUser{Email: "a@b.ee", Name: "A", Role: RoleEditor, Municipalities: []string{"0171", "0586"}}, false},
		{NewUser{Email: "a@b.ee", Name: "A", Role: RoleEditor, Municipalities: []string{"0171", "0586", "0171"}}, true},
		{NewUser{Email: "a@b.ee", Name: "A", Role: RoleEditor, Municipalities: many}, true},
		{NewUser{Email: "a@b.ee", Name: "A", Role: RoleCoordinator, Municipalities: []string{"0171"}}, true},
	} {
		c.n.Normalize()
		if got := kovit.FieldsOf(c.n.Validate()).Has("municipalities"); got != c.bad {
			t.Errorf("%v: municipalities refused %v", c.n.Municipalities, got)
		}
	}
}
