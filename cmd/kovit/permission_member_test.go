package main

// memberPermissionCases are the permission matrix's cases of following (issue 12): every
// signed-in user follows and unfollows for themselves.
func memberPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	return map[string]permissionCase{
		"POST /follows":                      {scopeSelf, "POST", "/follows", form, "kind=municipality&id=0784&back=/desk"},
		"POST /follows/delete":               {scopeSelf, "POST", "/follows/delete", form, "kind=municipality&id=0784&back=/desk"},
		"PUT /api/v1/follows/{kind}/{id}":    {scopeSelf, "PUT", "/api/v1/follows/municipality/0784", "", ""},
		"DELETE /api/v1/follows/{kind}/{id}": {scopeSelf, "DELETE", "/api/v1/follows/municipality/0784", "", ""},
	}
}
