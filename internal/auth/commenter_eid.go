package auth

import (
	"strings"

	"kovit/internal/kovit"
)

// A member of the public may also sign up to comment through the state eID gateway (TARA),
// starting on a consultation's sign-up page: the gateway proves their personal code and
// name but vouches for no e-mail address, so the commenter it makes has none (Email "")
// and is found again by the gateway's subject. It is a public commenter as one signed up
// by e-mail is: a reader of only what the public reads, whose comments are moderated.

// EIDCommenter is who the eID gateway signed in from a consultation's sign-up page.
type EIDCommenter struct {
	Name         string
	PersonalCode string
	Subject      string // the provider's issuer and subject, as OIDCSubject keeps it
}

// Normalize trims the name, which comes from the provider's ID token.
func (c *EIDCommenter) Normalize() { c.Name = strings.Join(strings.Fields(c.Name), " ") }

// Validate names each bad field.
func (c EIDCommenter) Validate() error {
	var p kovit.Problems
	if c.Name == "" {
		p.Add("name", "error.required")
	} else if kovit.TooLong(c.Name, 200) {
		p.Add("name", "error.too_long")
	}
	if !ValidPersonalCode(c.PersonalCode) {
		p.Add("personal_code", "error.personal_code")
	}
	if c.Subject == "" {
		p.Add("subject", "error.required")
	}
	return p.Err()
}
