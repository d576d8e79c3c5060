package kovit

import (
	"net/mail"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// The checks below are shared by every module's Validate so that "a valid e-mail" or "a
// valid link" means the same thing everywhere.

// ValidEmail reports whether s is a plain address like nimi@vald.ee (no display name).
func ValidEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && strings.Contains(s[strings.LastIndex(s, "@"):], ".")
}

// ValidURL reports whether s is an absolute http or https URL.
func ValidURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// ValidPhone accepts what people write on a contact card: digits, spaces, +, -, ( ).
func ValidPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '+' || r == '-' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return digits >= 5 && digits <= 15
}

// TooLong reports whether s has more than max characters.
func TooLong(s string, max int) bool { return utf8.RuneCountInString(s) > max }

// ValidDate reports whether t falls in the years a record of kovit's can be about, 1900 to
// 2200. Anything outside is a typo (0026 for 2026, 20266 for 2026), and the engines store
// years before 1 and after 9999 differently, so such a date would not come back as sent.
func ValidDate(t time.Time) bool { return t.Year() >= 1900 && t.Year() <= 2200 }
