package auth

import "kovit/internal/kovit"

// The permission policy. Every module asks these functions and nothing else, so a rule
// changes in one place. Each returns nil when allowed, kovit.Unauthorized for an anonymous
// user (sign in and try again) and kovit.Forbidden for a signed-in user without the right.

// CanReadInternal allows any signed-in user to read internal, non-public data.
func CanReadInternal(u *User) error {
	return require(u, u == nil || !u.PublicCommenter)
}

// CanEditMunicipality allows admins, coordinators and the municipality's own editors to
// change that municipality's data.
func CanEditMunicipality(u *User, ehak string) error {
	if u == nil {
		return kovit.Unauthorized()
	}
	ok := u.Role == RoleAdmin || u.Role == RoleCoordinator || Member(u, ehak)
	return require(u, ok)
}

// CanEditNational allows admins and coordinators to change national data and to verify
// what municipalities submit.
func CanEditNational(u *User) error {
	return require(u, u != nil && (u.Role == RoleAdmin || u.Role == RoleCoordinator))
}

// CanEditStrategy allows changes to a strategy's tree and activities: a national strategy
// (ownerEHAK "") is the coordinators', a municipality's own plan also its editors'.
func CanEditStrategy(u *User, ownerEHAK string) error {
	if ownerEHAK == "" {
		return CanEditNational(u)
	}
	return CanEditMunicipality(u, ownerEHAK)
}

// CanReopenStrategy allows an archived strategy back into use, a change of its status
// away from archived, to admins and coordinators only: until then it is read-only
// (plan.StrategyStatus.Writable), also when a municipality owns it.
func CanReopenStrategy(u *User, from, to string) error {
	if from == "archived" && to != "archived" {
		return CanEditNational(u)
	}
	return nil
}

// CanBeContact reports whether account c may be a contact person of an activity in a
// strategy owned by municipality ownerEHAK ("" for a national one): a municipality's own
// plan is run by its editors with the coordinators; national work by anyone with an
// active account, as ministries and municipalities take part in it.
func CanBeContact(c User, ownerEHAK string) bool {
	if c.PublicCommenter {
		return false
	}
	if !c.Active || ownerEHAK == "" {
		return c.Active
	}
	return c.Role == RoleCoordinator || Member(&c, ownerEHAK)
}

// CanListEmails allows a list of accounts' e-mail addresses, such as the contact picker's,
// to admins and coordinators only: they manage and reach all accounts; anyone else would
// be harvesting them.
func CanListEmails(u *User) error { return CanEditNational(u) }

// CanReadStrategy lets anyone read an adopted or archived strategy; drafts are for
// signed-in users only, like every other internal record, except that a municipality's
// own plan (ownerEHAK) is its own work while a draft: other municipalities' editors may
// not read it.
func CanReadStrategy(u *User, public bool, ownerEHAK string) error {
	if public {
		return nil
	}
	if u != nil && u.Role == RoleEditor && ownerEHAK != "" && !Member(u, ownerEHAK) {
		return require(u, false)
	}
	return CanReadInternal(u)
}

// StrategyReader is CanReadStrategy for one user (plan.ReadRule).
func StrategyReader(u *User) func(public bool, ownerEHAK string) error {
	return func(public bool, ownerEHAK string) error { return CanReadStrategy(u, public, ownerEHAK) }
}

// ReadableDrafts is CanReadStrategy for lists: whether u may read drafts at all and, for
// an editor, the municipalities whose own draft plans they may read (every one of theirs,
// Member; nil for every municipality).
func ReadableDrafts(u *User) (drafts bool, editorOf []string) {
	s := ListScope(u)
	return !s.PublishedOnly(), s.Municipalities()
}

// CanAdminister allows admins to manage accounts and read the whole audit trail.
func CanAdminister(u *User) error {
	return require(u, u != nil && u.Role == RoleAdmin)
}

// CanReadMetrics allows admins to read the server's metrics (request counts per route,
// the Go runtime) when they are served on the main address rather than on --metrics-addr.
func CanReadMetrics(u *User) error { return CanAdminister(u) }

// CanManageCredentials allows a signed-in user to change their own password and to make,
// list and revoke their API tokens, but only from a browser session: a token that could
// mint another token or change the password would outlive its own revocation.
func CanManageCredentials(u *User) error {
	return require(u, u != nil && !u.ByToken)
}

// PasswordChangePending refuses a user whose password someone else chose (a new account,
// an admin's reset) everything until they replace it, as the password is known to two
// people until then. The UI and the API ask it of every request but the change itself.
// An account without a password (it signs in through OIDC or TARA only) has none to
// change, whatever its flag says: asking would lock it out of everything.
func PasswordChangePending(u *User) error {
	if u != nil && u.MustChangePassword && u.PasswordHash != "" {
		return kovit.Errorf(kovit.EForbidden, "error.must_change_password")
	}
	return nil
}

// CanReadAudit allows those who edit data across municipalities to read who changed what.
func CanReadAudit(u *User) error { return CanEditNational(u) }

// CanReadMunicipalityHistory allows a municipality's change log, which names its staff and
// keeps their earlier contact details, to those who read the audit trail and to the
// municipality's own editors.
func CanReadMunicipalityHistory(u *User, ehak string) error {
	if Member(u, ehak) {
		return require(u, true)
	}
	return CanReadAudit(u)
}

func require(u *User, ok bool) error {
	switch {
	case u == nil:
		return kovit.Unauthorized()
	case !u.Active:
		return kovit.Forbidden()
	case !ok:
		return kovit.Forbidden()
	}
	return nil
}

// HideMissing answers a change to a record that does not exist as a change to a national
// record would be answered, so a user without the right learns nothing of what exists:
// err (typically not found) for coordinators, their refusal for everyone else.
func HideMissing(u *User, err error) error {
	if perr := CanEditNational(u); perr != nil && kovit.ErrorCode(err) == kovit.ENotFound {
		return perr
	}
	return err
}

// Allowed turns a policy answer into a yes/no for showing or hiding a button.
func Allowed(err error) bool { return err == nil }

// CanUpdateUser allows admins to change accounts, except to demote or deactivate
// themselves: an admin doing that by mistake could leave nobody able to undo it.
func CanUpdateUser(actor *User, targetID int64, up UserUpdate) error {
	if err := CanAdminister(actor); err != nil {
		return err
	}
	if actor.ID == targetID && (!up.Active || up.Role != RoleAdmin) {
		var p kovit.Problems
		p.Add("role", "error.self_demote")
		return p.Err()
	}
	return nil
}

// CanPostProgressUpdate allows a progress update on an activity to those who run it: its
// contact persons, whatever their role, and those who may edit its strategy (coordinators,
// admins and, for a municipality's own plan, its editors).
func CanPostProgressUpdate(u *User, ownerEHAK string, contact bool) error {
	if u != nil && contact {
		return require(u, true)
	}
	return CanEditStrategy(u, ownerEHAK)
}

// CanChangeProgressUpdate allows an update's author to edit or delete it, and admins and
// coordinators any update, e.g. to remove one posted in error.
func CanChangeProgressUpdate(u *User, authorID *int64) error {
	if u != nil && authorID != nil && u.ID == *authorID {
		return require(u, true)
	}
	return CanEditNational(u)
}

// CanManageReports allows admins and coordinators to open, complete and delete periodic
// reports: a report speaks for the association.
func CanManageReports(u *User) error { return CanEditNational(u) }

// The needs module (issue 6).

// CanReadNeed lets coordinators and admins read every need, a municipality's editors
// their own municipality's in any state, and readers (ministry staff) a need once it has
// left its municipality's hands: not while it is editable (a draft, or returned for
// changes), when its texts and contacts are still the municipality's to settle.
func CanReadNeed(u *User, ehak string, editable bool) error {
	if err := CanReadInternal(u); err != nil {
		return err
	}
	switch u.Role {
	case RoleAdmin, RoleCoordinator:
		return require(u, true)
	case RoleEditor:
		return require(u, Member(u, ehak))
	case RoleReader:
		return require(u, !editable)
	}
	return require(u, false)
}

// NeedReader is CanReadNeed for one user as a yes or no, for keeping of a list or a trace
// only the needs the user may read (need.Readable).
func NeedReader(u *User) func(ehak string, editable bool) bool {
	return func(ehak string, editable bool) bool { return CanReadNeed(u, ehak, editable) == nil }
}

// NeedScope is which needs u may list, as CanReadNeed reads them one by one: only
// municipality ehak's when it is not "", and only those no longer editable by their
// municipality when submittedOnly. Lists and exports filter by it in the store, so their
// totals and pages count only what the user may read.
func NeedScope(u *User) (ehak string, submittedOnly bool, err error) {
	if err := CanReadInternal(u); err != nil {
		return "", false, err
	}
	switch s := ListScope(u); s.Reach {
	case Everything:
		return "", false, nil
	case OwnDrafts:
		if s.Municipality == "" {
			return "", false, kovit.Forbidden()
		}
		return s.Municipality, false, nil
	}
	return "", true, nil
}

// CanEditNeed lets a municipality's editors change its needs while they are drafts or
// returned for changes (editable), and coordinators and admins change any need.
func CanEditNeed(u *User, ehak string, editable bool) error {
	if u == nil {
		return kovit.Unauthorized()
	}
	if Member(u, ehak) && !editable {
		return require(u, false)
	}
	return CanEditMunicipality(u, ehak)
}

// CanMoveNeed allows a move of a need's workflow: the municipality's own moves (submit)
// to its editors, coordinators and admins; the review moves to coordinators and admins.
func CanMoveNeed(u *User, ehak string, byMunicipality bool) error {
	if byMunicipality {
		return CanEditMunicipality(u, ehak)
	}
	return CanEditNational(u)
}

// CanReadPublished lets anyone read a published consolidated need or measure, and
// signed-in users the unpublished ones.
func CanReadPublished(u *User, published bool) error {
	if published {
		return nil
	}
	return CanReadInternal(u)
}

// Onboarding (issue 12).

// IsLead reports whether u is their municipality's lead: an editor an admin marked so.
func IsLead(u *User) bool {
	return u != nil && u.Active && u.Lead && u.Role == RoleEditor && u.MunicipalityEHAK != ""
}

// CanOpenInvitations allows the invitation pages to admins, coordinators and municipal
// leads; what each may invite is CanInvite's.
func CanOpenInvitations(u *User) error {
	if IsLead(u) {
		return nil
	}
	return CanEditNational(u)
}

// CanInvite allows an invitation of role in municipality ehak: admins any, coordinators
// any but an admin (nobody hands out more than they hold), and a municipal lead only an
// editor of their own municipality.
func CanInvite(u *User, role Role, ehak string) error {
	switch {
	case u == nil:
		return kovit.Unauthorized()
	case IsLead(u):
		return require(u, role == RoleEditor && Member(u, ehak))
	case role == RoleAdmin:
		return CanAdminister(u)
	}
	return CanEditNational(u)
}

// CanDeactivateUser allows admins to deactivate any account but their own, and a
// municipal lead the other editors of their own municipality.
func CanDeactivateUser(u *User, target User) error {
	if IsLead(u) && target.ID != u.ID && leads(u, target) {
		return nil
	}
	if err := CanAdminister(u); err != nil {
		return err
	}
	return require(u, target.ID != u.ID)
}

// CanSetPersonalCode allows recording a user's personal identification code, which links
// their first state eID sign-in: to admins, and to a municipal lead for the editors of
// their own municipality.
func CanSetPersonalCode(u *User, target User) error {
	if IsLead(u) && leads(u, target) {
		return nil
	}
	return CanAdminister(u)
}

// MayLead reports whether account t can be made their municipality's lead: an editor.
func MayLead(t User) bool { return t.Role == RoleEditor && t.MunicipalityEHAK != "" }

// CanMarkLead allows admins to make an editor their municipality's lead, or not.
func CanMarkLead(u *User) error { return CanAdminister(u) }

// CanUseNotifications lets every signed-in, active user read their own notifications and
// choose how they hear of them (issue 12); nobody reads another's.
func CanUseNotifications(u *User) error { return require(u, true) }

// MunicipalityEditorsReader is CanReadStrategy for the editors of municipality ehak, who
// receive their municipality's notifications: an event from a plan they may not read is
// not made for them.
func MunicipalityEditorsReader(ehak string) func(public bool, ownerEHAK string) error {
	return StrategyReader(&User{Role: RoleEditor, MunicipalityEHAK: ehak, Active: true})
}
