package auth

import (
	"strings"

	"kovit/internal/kovit"
)

// Reach is how far into a list a user may see, from the public's published records to
// everything; each list filters by it instead of asking who the user is.
type Reach int

const (
	// Published is the public's reach, and that of an account that is not active: only
	// what is published (adopted strategies, published consolidated needs and measures).
	Published Reach = iota
	// Internal is a reader's: internal records too, but not a municipality's work in
	// progress (its needs while they are still its to edit).
	Internal
	// OwnDrafts is an editor's: internal records and their own municipality's work in
	// progress, but not other municipalities' draft plans.
	OwnDrafts
	// Everything is a coordinator's and an admin's.
	Everything
)

// Scope is what a user may see of a list. Every list and export of both surfaces takes
// it from ListScope, so "only what is published" and "only their own municipality's"
// are decided here alone.
type Scope struct {
	Reach Reach
	// Municipality is the EHAK code of an editor's own municipality (reach OwnDrafts),
	// the one whose work in progress they see and speak for; "" for everyone else. An
	// editor of several municipalities has their primary one here and every one in
	// Municipalities.
	Municipality string
	// others are the further municipalities of an editor of several, comma-separated so
	// that a Scope stays comparable; read them with Municipalities and Includes.
	others string
}

// ListScope is what u may see of a list (nil is the public).
func ListScope(u *User) Scope {
	if CanReadInternal(u) != nil {
		return Scope{Reach: Published}
	}
	switch u.Role {
	case RoleAdmin, RoleCoordinator:
		return Scope{Reach: Everything}
	case RoleEditor:
		all := u.MunicipalityList()
		return Scope{Reach: OwnDrafts, Municipality: u.MunicipalityEHAK, others: strings.Join(all[min(1, len(all)):], ",")}
	}
	return Scope{Reach: Internal}
}

// PublishedOnly reports whether the list holds only published records.
func (s Scope) PublishedOnly() bool { return s.Reach == Published }

// EveryMunicipality reports whether the user reads the records of every municipality
// rather than only those of the one they work for: readers, coordinators and admins.
func (s Scope) EveryMunicipality() bool { return s.Reach == Internal || s.Reach == Everything }

// CanImport lets in an import of municipalities' records (e-service cells, needs) to
// whoever edits some municipality's data: an editor, whose file may hold only their own
// municipality's rows (ListScope's Municipality, checked row by row), coordinators and
// admins (any row).
func CanImport(u *User) error {
	if u == nil {
		return kovit.Unauthorized()
	}
	return CanEditMunicipality(u, u.MunicipalityEHAK)
}
