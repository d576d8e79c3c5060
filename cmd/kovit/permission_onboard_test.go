package main

// onboardPermissionCases are the permission matrix's cases of onboarding (issue 12). The
// target is a reader, whom no lead manages; a link with a made-up token changes nothing
// for anyone, and asking for a reset link is everyone's.
func onboardPermissionCases() map[string]permissionCase {
	form := "application/x-www-form-urlencoded"
	return map[string]permissionCase{
		"POST /invitations":                   {scopeNational, "POST", "/invitations", form, "email=new@kovit.test&name=New&role=editor&municipality_ehak=0784"},
		"POST /invitations/import":            {scopeNational, "POST", "/invitations/import", "multipart/form-data; boundary=kovit", inviteImportBody},
		"POST /invitation":                    {scopePublic, "POST", "/invitation", form, "token=x&new=uus-parool-123&again=uus-parool-123"},
		"POST /password/forgot":               {scopePublic, "POST", "/password/forgot", form, "email=target@kovit.test"},
		"POST /password/reset":                {scopePublic, "POST", "/password/reset", form, "token=x&new=uus-parool-123&again=uus-parool-123"},
		"POST /team/users/{id}/deactivate":    {scopeAdmin, "POST", "/team/users/{target}/deactivate", form, "version=1"},
		"POST /team/users/{id}/personal-code": {scopeAdmin, "POST", "/team/users/{target}/personal-code", form, "personal_code=38001085718"},
		"POST /team/users/{id}/lead":          {scopeAdmin, "POST", "/team/users/{target}/lead", form, "lead=on"},
	}
}

// inviteImportBody is a one-row invitation sheet of an editor of 0784.
const inviteImportBody = "--kovit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"k.csv\"\r\nContent-Type: text/csv\r\n\r\n" +
	"nimi;e-post;roll;omavalitsus\r\nUus;uus@kovit.test;toimetaja;0784\r\n--kovit--\r\n"
