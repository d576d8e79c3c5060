package auth

// NeedScopeAll is NeedScope over every municipality of an editor of several: the needs
// list shows all of theirs at once, each municipality a filter away. For anyone else
// ehaks is nil (no municipality narrows them) and it is NeedScope.
func NeedScopeAll(u *User) (ehaks []string, submittedOnly bool, err error) {
	ehak, submittedOnly, err := NeedScope(u)
	if err != nil || ehak == "" {
		return nil, submittedOnly, err
	}
	return ListScope(u).Municipalities(), submittedOnly, nil
}
