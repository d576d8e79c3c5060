package main

// consultPermissionCases are the permission matrix's cases of consultations (issue 16).
// Coordinators run them; commenting is for any signed-in user, whose right to comment on
// a given consultation is the read and comment tests' (consult_read_test.go): on an
// unknown consultation every signed-in user is answered as for a missing one.
func consultPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	js := "application/json"
	return map[string]permissionCase{
		"POST /consultations":                                            {scopeNational, "POST", "/consultations", form, "title=Uus&text=%23+Eesm%C3%A4rk%0AKirjeldus"},
		"POST /consultations/{id}/edit":                                  {scopeNational, "POST", "/consultations/999999/edit", form, "title=Uus&version=1"},
		"POST /consultations/{id}/phase":                                 {scopeNational, "POST", "/consultations/999999/phase", form, "to=open&version=1"},
		"POST /consultations/{id}/versions":                              {scopeNational, "POST", "/consultations/999999/versions", form, "text=%23+A&version=1"},
		"POST /consultations/{id}/comments":                              {scopeSelf, "POST", "/consultations/999999/comments", form, "section=1&body=Hea"},
		"POST /consultations/{id}/comments/{comment}/moderate":           {scopeNational, "POST", "/consultations/999999/comments/1/moderate", form, "decision=publish&version=1"},
		"POST /consultations/{id}/comments/{comment}/dispose":            {scopeNational, "POST", "/consultations/999999/comments/1/dispose", form, "disposition=accepted&reason=x&version=1"},
		"POST /api/v1/consultations":                                     {scopeNational, "POST", "/api/v1/consultations", js, `{"title":"Uus","sections":[{"heading":"A"}]}`},
		"PATCH /api/v1/consultations/{id}":                               {scopeNational, "PATCH", "/api/v1/consultations/999999", js, `{"title":"Uus","version":1}`},
		"POST /api/v1/consultations/{id}/phase":                          {scopeNational, "POST", "/api/v1/consultations/999999/phase", js, `{"to":"open","version":1}`},
		"POST /api/v1/consultations/{id}/versions":                       {scopeNational, "POST", "/api/v1/consultations/999999/versions", js, `{"sections":[{"heading":"A"}],"version":1}`},
		"POST /api/v1/consultations/{id}/comments":                       {scopeSelf, "POST", "/api/v1/consultations/999999/comments", js, `{"section_key":"1","body":"Hea"}`},
		"POST /api/v1/consultations/{id}/comments/{comment}/moderation":  {scopeNational, "POST", "/api/v1/consultations/999999/comments/1/moderation", js, `{"publish":true,"version":1}`},
		"POST /api/v1/consultations/{id}/comments/{comment}/disposition": {scopeNational, "POST", "/api/v1/consultations/999999/comments/1/disposition", js, `{"disposition":"accepted","reason":"x","version":1}`},
	}
}
