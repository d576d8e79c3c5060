package web

import (
	"kovit/internal/auth"
	"kovit/internal/consult"
	"kovit/internal/kovit"
)

// commenterSamples are the public commenter's sign-up pages: the form with its problems,
// the answer once sent, and the mailed link's page.
func commenterSamples(base Page) map[string]any {
	var problems kovit.Problems
	problems.Add("email", "error.email")
	c := consult.Consultation{ID: 1, Title: "IKT strateegia 2031", PublicComments: true}
	return map[string]any{
		"consult/signup":         commenterSignUpPage{Page: base, C: c, In: auth.CommenterSignUp{Name: "Jaan", Email: "x"}, Form: form{Problems: problems}, OIDCName: "TARA"},
		"consult/signup_confirm": commenterConfirmPage{Page: base, Token: "abc"},
	}
}
