package main

// securityPermissionCases are the permission matrix's cases of the security
// self-assessment (issue 14). A municipality's assessment (of 0784) is its editors' and
// the coordinators': the policy is asked before the round is looked up, so round 999999
// is refused as an existing one would be. Rounds and the measures import are the
// coordinators'.
func securityPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	js := "application/json"
	base := "/security/rounds/999999/municipalities/0784"
	answer := "applies=yes&status=implemented&evidence=https%3A%2F%2Fx.ee&version=0"
	return map[string]permissionCase{
		"POST /security/rounds": {scopeNational, "POST", "/security/rounds", form,
			"title=E-ITS&year=2023&deadline=2030-01-01&correction_until=2030-01-10&publish_on=2030-02-01"},
		"POST /security/rounds/{id}/edit": {scopeNational, "POST", "/security/rounds/999999/edit", form,
			"title=E-ITS&deadline=2030-01-01&correction_until=2030-01-10&publish_on=2030-02-01&version=1"},
		"POST /security/rounds/{id}/municipalities/{ehak}/start":                                      {scopeMunicipality, "POST", base + "/start", form, ""},
		"POST /security/rounds/{id}/municipalities/{ehak}/report":                                     {scopeMunicipality, "POST", base + "/report", form, "target_tier=high&version=1"},
		"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}":                             {scopeMunicipality, "POST", base + "/modules/ISMS.1", form, answer},
		"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/confirm":                     {scopeMunicipality, "POST", base + "/modules/ISMS.1/confirm", form, ""},
		"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/measures/{measure}":          {scopeMunicipality, "POST", base + "/modules/ISMS.1/measures/ISMS.1.M1", form, answer},
		"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/activity":                    {scopeMunicipality, "POST", base + "/modules/ISMS.1/activity", form, "strategy_id=1"},
		"POST /security/rounds/{id}/municipalities/{ehak}/modules/{code}/measures/{measure}/activity": {scopeMunicipality, "POST", base + "/modules/ISMS.1/measures/ISMS.1.M1/activity", form, "strategy_id=1"},
		"POST /security/rounds/{id}/municipalities/{ehak}/maturity":                                   {scopeMunicipality, "POST", base + "/maturity", form, "met=1"},
		"POST /security/maturity/criteria/{id}":                                                       {scopeNational, "POST", "/security/maturity/criteria/1", form, "text_et=Muudetud"},
		"PUT /api/v1/maturity/{id}/{ehak}":                                                            {scopeMunicipality, "PUT", "/api/v1/maturity/999999/0784", js, `{"met":[1]}`},
		"PATCH /api/v1/maturity/criteria/{id}":                                                        {scopeNational, "PATCH", "/api/v1/maturity/criteria/1", js, `{"text_et":"Muudetud"}`},
		"POST /security/catalogue/{year}/measures": {scopeNational, "POST", "/security/catalogue/2023/measures", "multipart/form-data; boundary=kovit",
			"--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"m.json\"\r\nContent-Type: application/json\r\n\r\n" +
				`{"version":2023,"measures":[{"measureId":"1","measureCode":"ISMS.1.M1","measureTitle":"X","type":"MAIN"}]}` + "\r\n--kovit--\r\n"},

		"POST /api/v1/assessment-rounds": {scopeNational, "POST", "/api/v1/assessment-rounds", js,
			`{"title":"E-ITS","year":2023,"deadline":"2030-01-01","correction_until":"2030-01-10","publish_on":"2030-02-01"}`},
		"PATCH /api/v1/assessment-rounds/{id}":                        {scopeNational, "PATCH", "/api/v1/assessment-rounds/999999", js, `{"title":"X","version":1}`},
		"PATCH /api/v1/assessments/{id}/{ehak}":                       {scopeMunicipality, "PATCH", "/api/v1/assessments/999999/0784", js, `{"target_tier":"high","version":1}`},
		"PUT /api/v1/assessments/{id}/{ehak}/answers":                 {scopeMunicipality, "PUT", "/api/v1/assessments/999999/0784/answers", js, `{"module_code":"ISMS.1","status":"implemented","evidence":"x","version":0}`},
		"POST /api/v1/assessments/{id}/{ehak}/modules/{code}/confirm": {scopeMunicipality, "POST", "/api/v1/assessments/999999/0784/modules/ISMS.1/confirm", js, ""},
		"POST /api/v1/eits-catalogue/{year}/measures": {scopeNational, "POST", "/api/v1/eits-catalogue/2023/measures", js,
			`{"version":2023,"measures":[{"measureId":"1","measureCode":"ISMS.1.M1","measureTitle":"X","type":"MAIN"}]}`},
	}
}
