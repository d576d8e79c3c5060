package auth

// CanEditRecordsScale allows rewording the records maturity scale's criteria: the scale is
// national, as the e-service scale is, so coordinators keep it.
func CanEditRecordsScale(u *User) error { return CanEditNational(u) }
