package main

// recordsScalePermissionCases are the permission matrix's cases of the records scale
// (issue 13, third round): only coordinators reword its criteria, on the page and the API.
func recordsScalePermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	js := "application/json"
	return map[string]permissionCase{
		"POST /records/scale/criteria/{id}":         {scopeNational, "POST", "/records/scale/criteria/4", form, "text_et=Muudetud&text_en=Changed"},
		"PATCH /api/v1/records-scale/criteria/{id}": {scopeNational, "PATCH", "/api/v1/records-scale/criteria/4", js, `{"text_et":"Muudetud"}`},
	}
}
