package auth

import "kovit/internal/kovit"

// Consultations on the association's drafts (issue 16). The association's coordinators
// run them; municipalities' staff comment for their municipality; where a consultation
// allows it, any other signed-in person comments as the public, through moderation.

// CanManageConsultation allows creating, editing, moving, moderating and disposing:
// admins and coordinators.
func CanManageConsultation(u *User) error { return CanEditNational(u) }

// CanReadConsultation lets anyone read a consultation past its draft; a draft only its
// managers. The pages answer a refusal as a missing consultation.
func CanReadConsultation(u *User, public bool) error {
	if public {
		return nil
	}
	return CanManageConsultation(u)
}

// CommentAs is how u may comment on a consultation that allows public comments or not:
// for the municipality ehak (a municipality's staff, published at once), or as the
// public (ehak "", moderated). The association's own staff answer comments rather than
// write them.
func CommentAs(u *User, publicAllowed bool) (ehak string, moderated bool, err error) {
	if err := CanComment(u); err != nil {
		return "", false, err
	}
	if CanManageConsultation(u) == nil {
		return "", false, kovit.Errorf(kovit.EForbidden, "consult.error.staff_comment")
	}
	if s := ListScope(u); s.Municipality != "" {
		return s.Municipality, false, nil
	}
	if !publicAllowed {
		return "", false, kovit.Errorf(kovit.EForbidden, "consult.error.members_only")
	}
	return "", true, nil
}

// CanSeeComment lets anyone see a published comment of a readable consultation; one
// waiting for or refused in moderation only the managers and its author.
func CanSeeComment(u *User, published bool, authorID int64) bool {
	return published || CanManageConsultation(u) == nil || (u != nil && u.Active && u.ID == authorID)
}

// CanSeeCommentAuthor shows the name of who wrote a comment: a municipality speaks in
// the open, a member of the public's name is personal data only the managers see.
func CanSeeCommentAuthor(u *User, ehak string) bool {
	return ehak != "" || CanManageConsultation(u) == nil
}

// ConsultationRule is what u may see of a consultation's comments (consult.Rule).
type ConsultationRule struct{ U *User }

func (r ConsultationRule) SeeComment(published bool, authorID int64) bool {
	return CanSeeComment(r.U, published, authorID)
}

func (r ConsultationRule) SeeAuthor(ehak string) bool { return CanSeeCommentAuthor(r.U, ehak) }

// SeeItem applies the action plan's read rule to the strategy item a disposition names.
func (r ConsultationRule) SeeItem(public bool, owner string) bool {
	return CanReadStrategy(r.U, public, owner) == nil
}
