package auth

import (
	"strings"

	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// The columns of a bulk invitation sheet, found by either language's header.
var (
	InviteName         = tabular.Column{Et: "nimi", En: "name"}
	InviteEmail        = tabular.Column{Et: "e-post", En: "e-mail"}
	InviteRole         = tabular.Column{Et: "roll", En: "role"}
	InviteMunicipality = tabular.Column{Et: "omavalitsus", En: "municipality"}
	// InviteMunicipalities is the further municipalities of an editor of several,
	// separated by ';' (optional).
	InviteMunicipalities = tabular.Column{Et: "teised omavalitsused", En: "other municipalities"}
	InviteColumns        = []tabular.Column{InviteName, InviteEmail, InviteRole, InviteMunicipality, InviteMunicipalities}
)

// MaxInvitations bounds one sheet: each row sends a mail while the inviter waits.
const MaxInvitations = 500

var inviteLayout = tabular.Layout{Columns: InviteColumns, Required: []tabular.Column{InviteName, InviteEmail, InviteRole},
	MaxRows: MaxInvitations, TooMany: "invite.error.too_many"}

// roleWords reads a role as the role pages name it in either language, or as its code.
var roleWords = map[string]Role{
	"admin": RoleAdmin, "administraator": RoleAdmin, "haldur": RoleAdmin,
	"coordinator": RoleCoordinator, "koordinaator": RoleCoordinator,
	"editor": RoleEditor, "toimetaja": RoleEditor,
	"reader": RoleReader, "lugeja": RoleReader,
}

// ParseInvitations reads a bulk invitation sheet: every row is checked, and either every
// row is an invitation or the *tabular.ImportError lists each row's problems. names maps
// a municipality's lower-case name and its EHAK code to the code; may is CanInvite for
// the inviting user, and a row it refuses makes the whole sheet forbidden.
func ParseInvitations(header []string, rows [][]string, names map[string]string, may func(Role, string) error) ([]NewUser, error) {
	sheet, err := inviteLayout.Open(header, rows)
	if err != nil {
		return nil, err
	}
	var errs tabular.ImportError
	seen := map[string]bool{}
	var out []NewUser
	for row, cell := range sheet.Rows() {
		n := NewUser{Name: cell(InviteName), Email: cell(InviteEmail), Role: roleWords[strings.ToLower(cell(InviteRole))]}
		if m := cell(InviteMunicipality); m != "" {
			var ok bool
			if n.MunicipalityEHAK, ok = names[strings.ToLower(m)]; !ok {
				errs.Add(row, InviteMunicipality.Et, "error.unknown_municipality")
				n.MunicipalityEHAK = "?"
			}
		}
		if more := ParseMunicipalities(cell(InviteMunicipalities)); len(more) > 0 && n.MunicipalityEHAK != "?" {
			n.Municipalities = []string{n.MunicipalityEHAK}
			for _, m := range more {
				ehak, ok := names[strings.ToLower(m)]
				if !ok {
					errs.Add(row, InviteMunicipalities.Et, "error.unknown_municipality")
					break
				}
				n.Municipalities = append(n.Municipalities, ehak)
			}
		}
		n.Normalize()
		for _, p := range kovit.FieldsOf(n.Validate()) {
			if n.MunicipalityEHAK == "?" && p.Field == "municipality_ehak" {
				continue // already said
			}
			errs.Add(row, inviteColumn(p.Field).Et, p.Key)
		}
		if seen[n.Email] && n.Email != "" {
			errs.Add(row, InviteEmail.Et, "invite.error.duplicate_email")
		}
		seen[n.Email] = true
		if n.Role.Valid() && n.MunicipalityEHAK != "?" && !mayAll(may, n) {
			errs.Add(row, InviteRole.Et, "invite.error.forbidden")
			errs.Forbidden = true
		}
		out = append(out, n)
	}
	return tabular.Collect(out, &errs, "tabular.error.empty")
}

func inviteColumn(field string) tabular.Column {
	switch field {
	case "email":
		return InviteEmail
	case "role":
		return InviteRole
	case "municipality_ehak":
		return InviteMunicipality
	case "municipalities":
		return InviteMunicipalities
	}
	return InviteName
}

// mayAll reports whether the inviter may invite n in each of its municipalities.
func mayAll(may func(Role, string) error, n NewUser) bool {
	if may(n.Role, n.MunicipalityEHAK) != nil {
		return false
	}
	for _, e := range n.Municipalities {
		if may(n.Role, e) != nil {
			return false
		}
	}
	return true
}
