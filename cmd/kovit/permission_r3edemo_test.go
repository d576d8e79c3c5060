package main

// r3edemoPermissionCases are the permission matrix's cases of issue 16's third round: a
// survey's approved answers applied to the municipality's e-democracy practice are its
// own editors' (and the coordinators') to apply.
func r3edemoPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	return map[string]permissionCase{
		"POST /surveys/{id}/responses/{ehak}/apply-practice": {scopeMunicipality, "POST", "/surveys/999999/responses/0784/apply-practice", form, "version=0"},
	}
}
