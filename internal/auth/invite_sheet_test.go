package auth

import (
	"bytes"
	"errors"
	"testing"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
	"kovit/internal/tabular/tabulartest"
)

var inviteNames = map[string]string{"0793": "0793", "tartu linn": "0793", "0784": "0784"}

// TestParseInvitations: a sheet in Estonian words becomes invitations; a sheet with any
// bad row becomes none, each problem named by row and column; a row the inviter may not
// invite makes the sheet forbidden.
func TestParseInvitations(t *testing.T) {
	header := []string{"Nimi", "E-post", "Roll", "Omavalitsus"}
	lead := &User{ID: 1, Role: RoleEditor, MunicipalityEHAK: "0793", Lead: true, Active: true}
	may := func(r Role, ehak string) error { return CanInvite(lead, r, ehak) }
	got, err := ParseInvitations(header, [][]string{{"Mari Maasikas", "Mari@Tartu.ee", "toimetaja", "Tartu linn"}}, inviteNames, may)
	if err != nil || len(got) != 1 || got[0].Email != "mari@tartu.ee" || got[0].Role != RoleEditor || got[0].MunicipalityEHAK != "0793" {
		t.Fatalf("%+v %v", got, err)
	}
	_, err = ParseInvitations(header, [][]string{
		{"Mari", "mari@tartu.ee", "toimetaja", "0793"},
		{"", "pole-aadress", "ülemus", "Atlantis"},
		{"Jaan", "MARI@tartu.ee", "editor", "0793"},
	}, inviteNames, may)
	var ie *tabular.ImportError
	if !errors.As(err, &ie) || ie.Forbidden {
		t.Fatalf("bad rows: %v", err)
	}
	want := map[[2]any]bool{{3, "nimi"}: true, {3, "e-post"}: true, {3, "roll"}: true, {3, "omavalitsus"}: true, {4, "e-post"}: true}
	for _, e := range ie.Rows {
		if !want[[2]any{e.Row, e.Column}] {
			t.Errorf("unexpected problem %+v", e)
		}
		delete(want, [2]any{e.Row, e.Column})
	}
	if len(want) > 0 {
		t.Errorf("problems not reported: %v (got %+v)", want, ie.Rows)
	}
	for _, row := range [][]string{{"Kati", "kati@kovit.ee", "coordinator", ""}, {"Jüri", "j@tln.ee", "editor", "0784"}} {
		_, err = ParseInvitations(header, [][]string{row}, inviteNames, may)
		if kovit.ErrorCode(err) != kovit.EForbidden {
			t.Errorf("lead invites %v: %v, want forbidden", row, err)
		}
	}
}

// FuzzParseInvitations: whatever the file, the parser answers invitations that pass
// validation or row problems within the file, and never panics.
func FuzzParseInvitations(f *testing.F) {
	for _, s := range tabulartest.Seeds(tabular.MaxRows, tabular.MaxColumns, tabular.MaxCellChars, tabular.MaxUnzippedBytes>>20) {
		f.Add(s)
	}
	f.Add([]byte("nimi;e-post;roll;omavalitsus\nMari;mari@tartu.ee;toimetaja;Tartu linn\n;x;ülemus;Atlantis\n"))
	f.Add([]byte("name,e-mail,role\nKati,kati@kovit.ee,coordinator\n"))
	admin := &User{ID: 1, Role: RoleAdmin, Active: true}
	f.Fuzz(func(t *testing.T, file []byte) {
		header, rows, err := tabular.Read(bytes.NewReader(file), "x.csv")
		if err != nil {
			return // FuzzRead covers what Read answers
		}
		got, err := ParseInvitations(header, rows, inviteNames, func(r Role, ehak string) error { return CanInvite(admin, r, ehak) })
		var ie *tabular.ImportError
		switch {
		case err == nil:
			for _, n := range got {
				if n.Validate() != nil {
					t.Fatalf("invalid invitation %+v", n)
				}
			}
		case errors.As(err, &ie):
			for _, e := range ie.Rows {
				if e.Row < 0 || e.Row > len(rows)+1 || e.Key == "" {
					t.Fatalf("problem %+v of %d rows", e, len(rows))
				}
			}
		default:
			t.Fatalf("error %v is no import error", err)
		}
	})
}
