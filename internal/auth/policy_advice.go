package auth

import "kovit/internal/kovit"

// Advice and representation (issue 15).

// CanAskInquiry lets a municipality's editors, and coordinators and admins on its behalf,
// ask the association a question.
func CanAskInquiry(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }

// CanReadInquiry lets the asking municipality's editors and the association's coordinators
// and admins read a question: it may describe the municipality's troubles in confidence,
// so neither readers nor other municipalities see it (its answer reaches them through the
// knowledge base, anonymised).
func CanReadInquiry(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }

// InquiryScope is which questions u may list: municipality ehak's only when it is not "",
// every one for coordinators and admins; readers and the public none.
func InquiryScope(u *User) (ehak string, err error) {
	if err := CanReadInternal(u); err != nil {
		return "", err
	}
	switch s := ListScope(u); s.Reach {
	case Everything:
		return "", nil
	case OwnDrafts:
		if s.Municipality != "" {
			return s.Municipality, nil
		}
	}
	return "", kovit.Forbidden()
}

// CanMoveInquiry allows a change of a question's state: the municipality's own moves
// (reply, close, reopen) to its editors and the association; the rest (take up, ask back,
// answer) to coordinators and admins.
func CanMoveInquiry(u *User, ehak string, byMunicipality bool) error {
	if byMunicipality {
		return CanEditMunicipality(u, ehak)
	}
	return CanEditNational(u)
}

// CanManageKnowledge lets coordinators and admins write the knowledge base, read its
// drafts and follow an entry back to the question it came from.
func CanManageKnowledge(u *User) error { return CanEditNational(u) }

// CanReadEntry lets anyone read a public entry, signed-in users an internal one, and
// coordinators and admins a draft.
func CanReadEntry(u *User, visibility string) error {
	switch visibility {
	case "public":
		return nil
	case "internal":
		return CanReadInternal(u)
	}
	return CanManageKnowledge(u)
}

// ReadableVisibilities are the entry visibilities u may read, for search and lists.
func ReadableVisibilities(u *User) []string {
	var out []string
	for _, v := range []string{"public", "internal", "draft"} {
		if CanReadEntry(u, v) == nil {
			out = append(out, v)
		}
	}
	return out
}

// CanManageRounds lets coordinators and admins open rounds of comment, merge the
// comments into the position and record the ministry's answers.
func CanManageRounds(u *User) error { return CanEditNational(u) }

// CanReadRound lets the association read every round; signed-in users a round on a
// public draft; and only the named people one on a draft not yet public.
func CanReadRound(u *User, public, named bool) error {
	if CanEditNational(u) == nil {
		return nil
	}
	if err := CanReadInternal(u); err != nil {
		return err
	}
	return require(u, public || named)
}

// CanCommentRound lets a municipality's editors comment on a round that asks it.
func CanCommentRound(u *User, ehak string, asked bool) error {
	if err := CanEditMunicipality(u, ehak); err != nil {
		return err
	}
	return require(u, asked)
}

// CanApproveResponse lets a municipality's lead give its official response (its comments,
// or no comments); the association may record it for them, e.g. from a signed letter.
func CanApproveResponse(u *User, ehak string) error {
	if CanEditNational(u) == nil {
		return nil
	}
	if err := CanEditMunicipality(u, ehak); err != nil {
		return err
	}
	return require(u, IsLead(u))
}
