package main

// solutionGridPermissionCases are the permission matrix's cases of the gaps of issue 16:
// applying a survey's proposed landscape status is the municipality's editors'.
func solutionGridPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	return map[string]permissionCase{
		"POST /surveys/{id}/responses/{ehak}/apply-status": {scopeMunicipality, "POST", "/surveys/999999/responses/0784/apply-status", form, "solution_id=1&row_version=0"},
	}
}
