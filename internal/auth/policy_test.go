package auth

import (
	"testing"

	"kovit/internal/kovit"
)

func TestPolicy(t *testing.T) {
	admin := &User{Role: RoleAdmin, Active: true}
	coord := &User{Role: RoleCoordinator, Active: true}
	tartu := &User{Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}
	reader := &User{ID: 5, Role: RoleReader, Active: true}
	gone := &User{Role: RoleAdmin, Active: false}
	goneContact := &User{ID: 8, Role: RoleReader, Active: false}

	tests := []struct {
		name string
		err  error
		want kovit.Code
	}{
		{"anonymous edit", CanEditMunicipality(nil, "0793"), kovit.EUnauthorized},
		{"editor own", CanEditMunicipality(tartu, "0793"), ""},
		{"editor other", CanEditMunicipality(tartu, "0784"), kovit.EForbidden},
		{"reader edit", CanEditMunicipality(reader, "0793"), kovit.EForbidden},
		{"coordinator any", CanEditMunicipality(coord, "0784"), ""},
		{"admin any", CanEditMunicipality(admin, "0784"), ""},
		{"inactive admin", CanEditMunicipality(gone, "0784"), kovit.EForbidden},
		{"editor national", CanEditNational(tartu), kovit.EForbidden},
		{"coordinator national", CanEditNational(coord), ""},
		{"anonymous national", CanEditNational(nil), kovit.EUnauthorized},
		{"coordinator administer", CanAdminister(coord), kovit.EForbidden},
		{"admin administer", CanAdminister(admin), ""},
		{"reader internal", CanReadInternal(reader), ""},
		{"anonymous internal", CanReadInternal(nil), kovit.EUnauthorized},
		{"reader audit", CanReadAudit(reader), kovit.EForbidden},
		{"anonymous metrics", CanReadMetrics(nil), kovit.EUnauthorized},
		{"coordinator metrics", CanReadMetrics(coord), kovit.EForbidden},
		{"admin metrics", CanReadMetrics(admin), ""},
		{"coordinator national strategy", CanEditStrategy(coord, ""), ""},
		{"editor national strategy", CanEditStrategy(tartu, ""), kovit.EForbidden},
		{"anonymous national strategy", CanEditStrategy(nil, ""), kovit.EUnauthorized},
		{"editor own plan", CanEditStrategy(tartu, "0793"), ""},
		{"editor other plan", CanEditStrategy(tartu, "0784"), kovit.EForbidden},
		{"coordinator municipal plan", CanEditStrategy(coord, "0784"), ""},
		{"anonymous public strategy", CanReadStrategy(nil, true, ""), ""},
		{"anonymous public municipal plan", CanReadStrategy(nil, true, "0784"), ""},
		{"anonymous draft", CanReadStrategy(nil, false, ""), kovit.EUnauthorized},
		{"reader draft", CanReadStrategy(reader, false, ""), ""},
		{"reader draft municipal plan", CanReadStrategy(reader, false, "0784"), ""},
		{"inactive draft", CanReadStrategy(gone, false, ""), kovit.EForbidden},
		{"editor national draft", CanReadStrategy(tartu, false, ""), ""},
		{"editor own draft plan", CanReadStrategy(tartu, false, "0793"), ""},
		{"editor other draft plan", CanReadStrategy(tartu, false, "0784"), kovit.EForbidden},
		{"editor other adopted plan", CanReadStrategy(tartu, true, "0784"), ""},
		{"coordinator draft municipal plan", CanReadStrategy(coord, false, "0784"), ""},
		{"contact reader posts", CanPostProgressUpdate(reader, "", true), ""},
		{"inactive contact posts", CanPostProgressUpdate(goneContact, "", true), kovit.EForbidden},
		{"reader posts", CanPostProgressUpdate(reader, "", false), kovit.EForbidden},
		{"coordinator posts", CanPostProgressUpdate(coord, "0784", false), ""},
		{"editor posts on own plan", CanPostProgressUpdate(tartu, "0793", false), ""},
		{"editor posts on national", CanPostProgressUpdate(tartu, "", false), kovit.EForbidden},
		{"anonymous posts", CanPostProgressUpdate(nil, "", true), kovit.EUnauthorized},
		{"author edits", CanChangeProgressUpdate(reader, &reader.ID), ""},
		{"other edits", CanChangeProgressUpdate(tartu, &reader.ID), kovit.EForbidden},
		{"coordinator edits any", CanChangeProgressUpdate(coord, &reader.ID), ""},
		{"edit of a gone author's", CanChangeProgressUpdate(reader, nil), kovit.EForbidden},
		{"inactive author edits", CanChangeProgressUpdate(goneContact, &goneContact.ID), kovit.EForbidden},
		{"anonymous edits", CanChangeProgressUpdate(nil, &reader.ID), kovit.EUnauthorized},
		{"coordinator reports", CanManageReports(coord), ""},
		{"editor reports", CanManageReports(tartu), kovit.EForbidden},

		{"editor reads own draft", CanReadNeed(tartu, "0793", true), ""},
		{"editor reads own submitted", CanReadNeed(tartu, "0793", false), ""},
		{"editor reads another's submitted", CanReadNeed(tartu, "0784", false), kovit.EForbidden},
		{"reader reads submitted", CanReadNeed(reader, "0784", false), ""},
		{"reader reads draft", CanReadNeed(reader, "0784", true), kovit.EForbidden},
		{"coordinator reads draft", CanReadNeed(coord, "0784", true), ""},
		{"admin reads draft", CanReadNeed(admin, "0784", true), ""},
		{"inactive reads", CanReadNeed(gone, "0784", false), kovit.EForbidden},
		{"anonymous reads needs", CanReadNeed(nil, "0784", false), kovit.EUnauthorized},
		{"editor edits own draft", CanEditNeed(tartu, "0793", true), ""},
		{"editor edits own submitted", CanEditNeed(tartu, "0793", false), kovit.EForbidden},
		{"editor edits another's draft", CanEditNeed(tartu, "0784", true), kovit.EForbidden},
		{"reader edits draft", CanEditNeed(reader, "0793", true), kovit.EForbidden},
		{"coordinator edits submitted", CanEditNeed(coord, "0784", false), ""},
		{"anonymous edits", CanEditNeed(nil, "0784", true), kovit.EUnauthorized},
		{"editor submits own", CanMoveNeed(tartu, "0793", true), ""},
		{"editor submits another's", CanMoveNeed(tartu, "0784", true), kovit.EForbidden},
		{"editor reviews own", CanMoveNeed(tartu, "0793", false), kovit.EForbidden},
		{"coordinator reviews", CanMoveNeed(coord, "0793", false), ""},
		{"anonymous published", CanReadPublished(nil, true), ""},
		{"anonymous unpublished", CanReadPublished(nil, false), kovit.EUnauthorized},
		{"reader unpublished", CanReadPublished(reader, false), ""},
	}
	for _, tt := range tests {
		got := kovit.Code("")
		if tt.err != nil {
			got = kovit.ErrorCode(tt.err)
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNewUserValidate(t *testing.T) {
	tests := []struct {
		name string
		n    NewUser
		bad  []string
	}{
		{"editor ok", NewUser{Email: "it@tartu.ee", Name: "Mari", Role: RoleEditor, MunicipalityEHAK: "0793"}, nil},
		{"editor without municipality", NewUser{Email: "it@tartu.ee", Name: "Mari", Role: RoleEditor}, []string{"municipality_ehak"}},
		{"reader with municipality", NewUser{Email: "a@b.ee", Name: "A", Role: RoleReader, MunicipalityEHAK: "0793"}, []string{"municipality_ehak"}},
		{"all bad", NewUser{Email: "x", Role: "boss", Password: "short"}, []string{"email", "name", "role", "password"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range kovit.FieldsOf(tt.n.Validate()) {
			got = append(got, f.Field)
		}
		if len(got) != len(tt.bad) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.bad)
			continue
		}
		for i := range got {
			if got[i] != tt.bad[i] {
				t.Errorf("%s: got %v, want %v", tt.name, got, tt.bad)
			}
		}
	}
}

func TestPasswordAndToken(t *testing.T) {
	h, err := HashPassword("õige parool 123")
	if err != nil {
		t.Fatal(err)
	}
	if !CheckPassword(h, "õige parool 123") || CheckPassword(h, "vale parool 123") {
		t.Error("password check wrong")
	}
	tok, prefix, hash := GenerateToken()
	if HashToken(tok) != hash || len(prefix) != len(TokenPrefix)+6 || tok[:len(prefix)] != prefix {
		t.Errorf("token %q prefix %q", tok, prefix)
	}
	if a, _, _ := GenerateToken(); a == tok {
		t.Error("tokens repeat")
	}
}

func TestHideMissing(t *testing.T) {
	missing := kovit.NotFound()
	for _, c := range []struct {
		u    *User
		want kovit.Code
	}{
		{nil, kovit.EUnauthorized},
		{&User{Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}, kovit.EForbidden},
		{&User{Role: RoleReader, Active: true}, kovit.EForbidden},
		{&User{Role: RoleCoordinator, Active: true}, kovit.ENotFound},
	} {
		if got := kovit.ErrorCode(HideMissing(c.u, missing)); got != c.want {
			t.Errorf("%+v: %s, want %s", c.u, got, c.want)
		}
	}
	if err := HideMissing(nil, nil); err != nil {
		t.Errorf("no error became %v", err)
	}
}

// NeedScope narrows lists as CanReadNeed reads needs one by one.
func TestNeedScope(t *testing.T) {
	for _, c := range []struct {
		name          string
		u             *User
		ehak          string
		submittedOnly bool
		err           kovit.Code
	}{
		{"anonymous", nil, "", false, kovit.EUnauthorized},
		{"inactive", &User{Role: RoleCoordinator}, "", false, kovit.EForbidden},
		{"editor", &User{Role: RoleEditor, MunicipalityEHAK: "0793", Active: true}, "0793", false, ""},
		{"editor without municipality", &User{Role: RoleEditor, Active: true}, "", false, kovit.EForbidden},
		{"reader", &User{Role: RoleReader, Active: true}, "", true, ""},
		{"coordinator", &User{Role: RoleCoordinator, Active: true}, "", false, ""},
		{"admin", &User{Role: RoleAdmin, Active: true}, "", false, ""},
	} {
		ehak, submittedOnly, err := NeedScope(c.u)
		got := kovit.Code("")
		if err != nil {
			got = kovit.ErrorCode(err)
		}
		if ehak != c.ehak || submittedOnly != c.submittedOnly || got != c.err {
			t.Errorf("%s: %q %v %q, want %q %v %q", c.name, ehak, submittedOnly, got, c.ehak, c.submittedOnly, c.err)
		}
		if c.err != "" {
			continue
		}
		// A need the scope lists is one the user may read, and the other way round.
		for _, own := range []string{"0793", "0784"} {
			for _, editable := range []bool{true, false} {
				listed := (ehak == "" || ehak == own) && !(submittedOnly && editable)
				if readable := CanReadNeed(c.u, own, editable) == nil; listed != readable {
					t.Errorf("%s: need of %s (editable %v) listed %v, readable %v", c.name, own, editable, listed, readable)
				}
			}
		}
	}
}
