package main

// practiceEditPermissionCases are the permission matrix's cases of the landscape's later gaps
// (issue 13): the advisories in the API and the practice's edit form. 999999 is
// no advisory, so an actor let through meets not found as one refused would; the matrix
// tells them apart by the status the policy gives first.
func practiceEditPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	js := "application/json"
	return map[string]permissionCase{
		"POST /api/v1/advisories":                     {scopeNational, "POST", "/api/v1/advisories", js, `{"query":{"solution_id":1},"title":"Uuendage"}`},
		"POST /api/v1/advisories/{id}/handled/{ehak}": {scopeMunicipality, "POST", "/api/v1/advisories/999999/handled/0784", js, ""},
		"POST /practices/{id}/edit":                   {scopeNational, "POST", "/practices/999999/edit", form, "title=Uus&summary=Lühidalt&municipalities=0784&version=1"},
	}
}
