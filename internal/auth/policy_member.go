package auth

import (
	"slices"
	"strings"

	"kovit/internal/kovit"
)

// An editor may work for several municipalities (IT staff shared by two small ones): the
// policy asks Member, and nothing else, whether a user speaks for a municipality.

// MaxMunicipalities bounds one person's list: more is no longer a shared IT person.
const MaxMunicipalities = 10

// MunicipalityList is every municipality u works for, the primary one
// (MunicipalityEHAK) first; empty for anyone but an editor with one.
func (u User) MunicipalityList() []string {
	if u.MunicipalityEHAK == "" {
		return nil
	}
	out := []string{u.MunicipalityEHAK}
	for _, e := range u.Municipalities {
		if e != "" && !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	return out
}

// Member reports whether u is an editor of municipality ehak, their primary one or any
// other on their list. It is the one membership test of the policy.
func Member(u *User, ehak string) bool {
	return u != nil && u.Role == RoleEditor && ehak != "" && slices.Contains(u.MunicipalityList(), ehak)
}

// leads reports whether lead speaks for every municipality of target, an editor: a lead
// may not deactivate or identify an account that also works for a municipality they do
// not lead.
func leads(lead *User, target User) bool {
	list := target.MunicipalityList()
	if target.Role != RoleEditor || len(list) == 0 {
		return false
	}
	for _, e := range list {
		if !Member(lead, e) {
			return false
		}
	}
	return true
}

// Municipalities is every municipality an editor's scope speaks for, the primary one
// first; nil for everyone else.
func (s Scope) Municipalities() []string {
	if s.Municipality == "" {
		return nil
	}
	out := []string{s.Municipality}
	if s.others != "" {
		out = append(out, strings.Split(s.others, ",")...)
	}
	return out
}

// Includes reports whether municipality ehak is one the scope's editor speaks for.
func (s Scope) Includes(ehak string) bool {
	return ehak != "" && slices.Contains(s.Municipalities(), ehak)
}

// Several reports whether the scope's editor works for more than one municipality, so
// pages offer a choice of which.
func (s Scope) Several() bool { return s.others != "" }

// ChooseMunicipality is the municipality a page works on for u when the request asked
// for want: want when it is one of the editor's, otherwise their primary one ("" for
// anyone who is not an editor).
func ChooseMunicipality(u *User, want string) string {
	s := ListScope(u)
	if s.Includes(want) {
		return want
	}
	return s.Municipality
}

// NeedScopeIn is NeedScope for an editor of several municipalities who chose one (want):
// the chosen one's needs when it is theirs, their primary one's otherwise. For anyone
// else it is NeedScope.
func NeedScopeIn(u *User, want string) (ehak string, submittedOnly bool, err error) {
	ehak, submittedOnly, err = NeedScope(u)
	if err == nil && ehak != "" && Member(u, want) {
		ehak = want
	}
	return ehak, submittedOnly, err
}

// CheckMunicipalityChoice refuses an editor's choice of municipality (the municipality
// parameter) that is not one of their own, naming the field; "" chooses the primary one.
// Who is no editor works for no municipality in particular: the choice means nothing to
// their pages and is not refused.
func CheckMunicipalityChoice(u *User, want string) error {
	if s := ListScope(u); want == "" || s.Municipality == "" || s.Includes(want) {
		return nil
	}
	var p kovit.Problems
	p.Add("municipality", "member.error.not_your_municipality")
	return p.Err()
}

// CanFollow lets every signed-in, active user choose what they follow (issue 12): their
// own choice, of things they may read.
func CanFollow(u *User) error { return require(u, true) }
