package auth

// Surveys of the municipalities (issue 16). The association's coordinators make them and
// follow the completeness board; a municipality's staff answer its response and its lead
// approves it as the municipality's official one.

// CanManageSurvey allows making and changing surveys and sending reminders.
func CanManageSurvey(u *User) error { return CanEditNational(u) }

// CanReadSurvey lets signed-in users read a survey's questions and its board.
func CanReadSurvey(u *User) error { return CanReadInternal(u) }

// CanAnswerSurvey allows saving and submitting municipality ehak's response: its editors,
// and coordinators helping them.
func CanAnswerSurvey(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }

// CanReadResponse allows reading one municipality's answers: those who may answer it and
// readers of internal data; never the public.
func CanReadResponse(u *User, ehak string) error {
	if s := ListScope(u); s.Municipality != "" && CanEditMunicipality(u, ehak) != nil {
		return require(u, false)
	}
	return CanReadInternal(u)
}

// CanApproveSurveyResponse (unlike a round of comment's CanApproveResponse, which coordinators may record
// from a letter) allows the municipality's lead to make its response official;
// admins stand in for a municipality without a lead.
func CanApproveSurveyResponse(u *User, ehak string) error {
	if IsLead(u) && CanEditMunicipality(u, ehak) == nil {
		return nil
	}
	return CanAdminister(u)
}

// CanReadSurveyResults lets anyone read results the survey makes public, and signed-in
// users every survey's; results are by peer group, never one municipality's answers.
func CanReadSurveyResults(u *User, public bool) error {
	if public {
		return nil
	}
	return CanReadInternal(u)
}
