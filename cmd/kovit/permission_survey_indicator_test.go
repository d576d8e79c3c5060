package main

// surveyIndicatorPermissionCases are the permission matrix's cases of issue 16's last
// gaps: recording a survey answer as an indicator's value is for those who may edit the
// indicator's plan; an unknown indicator is refused as a national plan's would be.
func surveyIndicatorPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	return map[string]permissionCase{
		"POST /surveys/{id}/responses/{ehak}/apply-indicator": {scopeNational, "POST", "/surveys/999999/responses/0784/apply-indicator", form, "indicator_id=999999&measurement_version=0"},
	}
}
