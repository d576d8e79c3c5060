package auth

// The security self-assessment (issue 14). A municipality's answers are under embargo:
// only the municipality itself and the coordinators read them, before publication and
// after; everyone else sees the published peer aggregates only.

// CanReadAssessment allows municipality ehak's answers, figures, report and exports to
// its own editors (its security coordinator and colleagues), coordinators and admins:
// never to readers, the public or other municipalities.
func CanReadAssessment(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }

// CanAnswerAssessment allows answering, assigning, confirming and signing off municipality
// ehak's assessment to those who may read it.
func CanAnswerAssessment(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }

// CanManageSecurityRounds allows opening and changing rounds and importing a catalogue
// year's measures to admins and coordinators.
func CanManageSecurityRounds(u *User) error { return CanEditNational(u) }

// CanReadSecurityRounds allows the list of rounds and their dates to signed-in users;
// the public learns of a round from its published aggregates.
func CanReadSecurityRounds(u *User) error { return CanReadInternal(u) }

// CanReadSecurityAggregates allows a round's peer aggregates to anyone once published, and
// to coordinators and admins before: until then a municipality may still correct its
// figures, and it sees only its own.
func CanReadSecurityAggregates(u *User, published bool) error {
	if published {
		return nil
	}
	return CanEditNational(u)
}

// AssessmentOf is the municipality whose assessment a user works on by default: an
// editor's own; "" for everyone else, who chooses one (coordinators) or has none.
func AssessmentOf(u *User) string {
	s := ListScope(u)
	if s.Reach != OwnDrafts {
		return ""
	}
	return s.Municipality
}
