package auth

// Training and awareness (issue 14). Who completed which training is the municipality's
// own staff data: its editors (its security coordinator among them) and the coordinators
// read and record it; readers, the public and other municipalities never see a name.

// CanReadTrainings allows the list of trainings and the role requirements to signed-in
// users: they say what is required, not who holds it.
func CanReadTrainings(u *User) error { return CanReadInternal(u) }

// CanManageTrainings allows adding and changing trainings and role requirements to
// coordinators and admins.
func CanManageTrainings(u *User) error { return CanEditNational(u) }

// CanReadTrainingRecords allows municipality ehak's completions, gaps, expiring
// certificates and their exports to its own editors, coordinators and admins.
func CanReadTrainingRecords(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }

// CanEditTrainingRecords allows recording and removing municipality ehak's completions to
// those who may read them.
func CanEditTrainingRecords(u *User, ehak string) error { return CanEditMunicipality(u, ehak) }

// CanReadAllTrainingGaps allows the gaps of every municipality at once to coordinators
// and admins.
func CanReadAllTrainingGaps(u *User) error { return CanEditNational(u) }

// TrainingOf is the municipality whose records a user works on by default: an editor's
// own, "" for everyone else.
func TrainingOf(u *User) string { return AssessmentOf(u) }
