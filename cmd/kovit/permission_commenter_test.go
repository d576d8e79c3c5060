package main

// commenterPermissionCases are the permission matrix's cases of issue 16's third round: a
// survey's approved answers applied to the municipality's e-democracy practice are its
// own editors' (and the coordinators') to apply; signing up to comment as a member of the
// public, and spending the mailed link, are everyone's.
func commenterPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	return map[string]permissionCase{
		"POST /surveys/{id}/responses/{ehak}/apply-practice": {scopeMunicipality, "POST", "/surveys/999999/responses/0784/apply-practice", form, "version=0"},
		"POST /consultations/{id}/sign-up":                   {scopePublic, "POST", "/consultations/999999/sign-up", form, "name=Jaan&email=jaan@avalik.test"},
		"POST /consultations/sign-up/confirm":                {scopePublic, "POST", "/consultations/sign-up/confirm", form, "token=x"},
	}
}
