package main

// trainingPermissionCases are the permission matrix's cases of training and awareness
// (issue 14). A municipality's completions (of 0784) are its editors' and the
// coordinators'; the policy is asked before the record is looked up, so record 999999 is
// refused as an existing one would be. Trainings and requirements are the coordinators'.
func trainingPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	js := "application/json"
	return map[string]permissionCase{
		"POST /trainings":                                  {scopeNational, "POST", "/trainings", form, "title=K%C3%BCberh%C3%BCgieen&kind=course&valid_months=24"},
		"POST /training-requirements":                      {scopeNational, "POST", "/training-requirements", form, "role=employee&training_id=999999"},
		"POST /training-requirements/{id}/delete":          {scopeNational, "POST", "/training-requirements/999999/delete", form, ""},
		"POST /municipalities/{ehak}/training":             {scopeMunicipality, "POST", "/municipalities/0784/training", form, "person=Mallory&role=employee&training_id=999999&completed_on=2026-01-01"},
		"POST /municipalities/{ehak}/training/{id}/delete": {scopeMunicipality, "POST", "/municipalities/0784/training/999999/delete", form, ""},

		"POST /api/v1/trainings":                                     {scopeNational, "POST", "/api/v1/trainings", js, `{"title":"Küberhügieen","kind":"course","valid_months":24}`},
		"PATCH /api/v1/trainings/{id}":                               {scopeNational, "PATCH", "/api/v1/trainings/999999", js, `{"title":"X","version":1}`},
		"POST /api/v1/training-requirements":                         {scopeNational, "POST", "/api/v1/training-requirements", js, `{"role":"employee","training_id":999999}`},
		"DELETE /api/v1/training-requirements/{id}":                  {scopeNational, "DELETE", "/api/v1/training-requirements/999999", js, ""},
		"POST /api/v1/municipalities/{ehak}/training-records":        {scopeMunicipality, "POST", "/api/v1/municipalities/0784/training-records", js, `{"person":"Mallory","role":"employee","training_id":999999,"completed_on":"2026-01-01"}`},
		"DELETE /api/v1/municipalities/{ehak}/training-records/{id}": {scopeMunicipality, "DELETE", "/api/v1/municipalities/0784/training-records/999999", js, ""},
	}
}
