package auth

// Issue 14's last gaps: training counted without names, and the history of
// a municipality's assessment.

// CanReadTrainingCounts allows each municipality's people counted per role (trained,
// valid), without a name, to signed-in users: ministries and readers follow how far
// every municipality is. The public gets only the peer groups, which are everyone's as
// the security aggregates are (training.GroupsOf leaves out groups too small to hide
// their members).
func CanReadTrainingCounts(u *User) error { return CanReadInternal(u) }

// CanReadAssessmentHistory allows the audit history of municipality ehak's assessment to
// those who may read its answers: the history holds the answers as they were.
func CanReadAssessmentHistory(u *User, ehak string) error { return CanReadAssessment(u, ehak) }
