package auth

import (
	"context"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// A member of the public comments on a consultation that allows it by signing up with an
// e-mail address: kovit mails a single-use link, valid for CommenterLinkTTL, and opening
// it signs them in as a public commenter (User.PublicCommenter), a reader of only what
// the public reads whose comments wait for moderation. The sign-up page answers the same
// whatever the address, and an address that already has a staff account gets no link.

// CommenterLinkTTL is how long a commenter's sign-up link works.
const CommenterLinkTTL = time.Hour

// CommenterSignUp is what a member of the public enters to comment.
type CommenterSignUp struct {
	Name  string
	Email string
}

// Normalize trims the name and lower-cases the address, as accounts keep it.
func (c *CommenterSignUp) Normalize() {
	c.Name = strings.TrimSpace(c.Name)
	c.Email = strings.ToLower(strings.TrimSpace(c.Email))
}

// Validate names each bad field.
func (c CommenterSignUp) Validate() error {
	var p kovit.Problems
	if c.Name == "" {
		p.Add("name", "error.required")
	} else if kovit.TooLong(c.Name, 200) {
		p.Add("name", "error.too_long")
	}
	if !kovit.ValidEmail(c.Email) {
		p.Add("email", "error.email")
	}
	return p.Err()
}

// CommenterStore keeps public commenters and their sign-up links.
type CommenterStore interface {
	// SignUpCommenter makes (or finds) the public commenter of the address and puts the
	// mail with its link for consultationID in the notification outbox; the link itself is
	// issued when the mail is sent (IssueCommenterLink). ok is false, and nothing is
	// queued, when the address belongs to an account that is not an active public
	// commenter, which signs in as it always does.
	SignUpCommenter(ctx context.Context, c CommenterSignUp, consultationID int64) (u User, ok bool, err error)
	// IssueCommenterLink stores a sign-up link's hash for the commenter and consultation
	// and ends the commenter's earlier links, so only the newest mail works.
	IssueCommenterLink(ctx context.Context, userID, consultationID int64, hash string, expires time.Time) error
	// UseCommenterLink spends an unused, unexpired link: its commenter and consultation;
	// kovit.ENotFound for any other.
	UseCommenterLink(ctx context.Context, hash string) (u User, consultationID int64, err error)
	// CreateEIDCommenter makes the public commenter the eID gateway signed in
	// (commenter_eid.go), with no e-mail, linked to its subject and personal code; a
	// kovit.EConflict when an account already has either.
	CreateEIDCommenter(ctx context.Context, c EIDCommenter) (User, error)
}
