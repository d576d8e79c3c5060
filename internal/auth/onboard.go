package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// LinkPurpose says what a single-use link in an e-mail does: set the first password of an
// invited account, or replace a forgotten one.
type LinkPurpose string

const (
	LinkInvite LinkPurpose = "invite"
	LinkReset  LinkPurpose = "reset"
)

// TTL is how long a link of the purpose works: an invitation waits for someone back from
// a long weekend, a reset link only for the person who just asked for it.
func (p LinkPurpose) TTL() time.Duration {
	if p == LinkInvite {
		return 72 * time.Hour
	}
	return time.Hour
}

// GenerateLinkToken returns a link's secret, 32 random bytes, and the hash that is stored:
// a copy of the database opens no account.
func GenerateLinkToken() (token, hash string) {
	token = randomString(32)
	return token, HashToken(token)
}

// Invitation is one account to make; its mail's link sets its password.
type Invitation struct {
	NewUser
}

// LinkStore is what invitations, password resets, municipal leads and personal codes need
// from storage. Issuing a link ends the user's earlier links of the same purpose; using
// one sets the password as SetPassword does (every other session ends) and ends it.
type LinkStore interface {
	// Invite makes every account, each without a password and with its invitation in the
	// notification outbox, or none.
	Invite(ctx context.Context, invites []Invitation) ([]User, error)
	// RequestReset puts a forgotten password's link in the outbox for the active account
	// of the address, if there is one.
	RequestReset(ctx context.Context, email string) error
	IssueLink(ctx context.Context, userID int64, purpose LinkPurpose, hash string, expires time.Time) error
	// LinkUser returns the active user of an unused, unexpired link.
	LinkUser(ctx context.Context, purpose LinkPurpose, hash string) (User, error)
	UseLink(ctx context.Context, purpose LinkPurpose, hash, passwordHash string) (User, error)
	SetLead(ctx context.Context, id int64, lead bool) (User, error)
	SetPersonalCode(ctx context.Context, id int64, code string) error
	UserByPersonalCode(ctx context.Context, code string) (User, error)
}

// HashPersonalCode is how a personal identification code is stored: it is personal data,
// needed only to recognise its owner's eID sign-in.
func HashPersonalCode(code string) string {
	sum := sha256.Sum256([]byte("kovit isikukood " + code))
	return hex.EncodeToString(sum[:])
}

// PersonalCodeHint is all of a code that is shown again: its last four digits.
func PersonalCodeHint(code string) string {
	if len(code) < 4 {
		return ""
	}
	return strings.Repeat("•", len(code)-4) + code[len(code)-4:]
}

// ValidPersonalCode checks an Estonian personal identification code (isikukood): 11
// digits, the first 1–6 (century and sex), a real date of birth, and the check digit of
// the standard's two weight sets (the second when the first leaves 10, 0 when both do).
func ValidPersonalCode(code string) bool {
	if len(code) != 11 {
		return false
	}
	d := make([]int, 11)
	for i, c := range code {
		if c < '0' || c > '9' {
			return false
		}
		d[i] = int(c - '0')
	}
	if d[0] < 1 || d[0] > 6 {
		return false
	}
	year := 1800 + (d[0]-1)/2*100 + d[1]*10 + d[2]
	month, day := d[3]*10+d[4], d[5]*10+d[6]
	born := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if month < 1 || month > 12 || born.Day() != day || born.Month() != time.Month(month) {
		return false
	}
	return checkDigit(d) == d[10]
}

func checkDigit(d []int) int {
	for _, weights := range [2][10]int{{1, 2, 3, 4, 5, 6, 7, 8, 9, 1}, {3, 4, 5, 6, 7, 8, 9, 1, 2, 3}} {
		sum := 0
		for i, w := range weights {
			sum += d[i] * w
		}
		if r := sum % 11; r < 10 {
			return r
		}
	}
	return 0
}

// PersonalCodeFromSubject reads the personal code from an eID gateway's subject, such as
// TARA's "EE38001085718"; ok is false for any other subject.
func PersonalCodeFromSubject(sub string) (code string, ok bool) {
	code, found := strings.CutPrefix(sub, "EE")
	return code, found && ValidPersonalCode(code)
}

// CheckPersonalCode validates the code an admin or lead types.
func CheckPersonalCode(code string) error {
	if !ValidPersonalCode(code) {
		var p kovit.Problems
		p.Add("personal_code", "error.personal_code")
		return p.Err()
	}
	return nil
}
