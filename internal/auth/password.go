package auth

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinPasswordLength follows the NIST advice of long passwords over composition rules.
const MinPasswordLength = 12

// commonPasswordsFile is the 1,000 most common passwords, one a line (see SOURCES.md).
//
//go:embed common-passwords.txt
var commonPasswordsFile string

var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, line := range strings.Split(commonPasswordsFile, "\n") {
		if line = strings.ToLower(strings.TrimSpace(line)); line != "" {
			m[line] = true
		}
	}
	return m
}()

// PasswordProblem returns the translation key of what is wrong with a new password, or "".
func PasswordProblem(pw string) string {
	switch n := utf8.RuneCountInString(pw); {
	case n < MinPasswordLength:
		return "error.password_short"
	case len(pw) > 72: // bcrypt only reads 72 bytes
		return "error.password_long"
	case isCommon(pw):
		return "error.password_common"
	}
	return ""
}

// isCommon reports whether pw is a common password, in any case, or one with only digits
// and symbols added after it: every one on the list is shorter than MinPasswordLength,
// and "password1234" is what someone told to make "password" longer would type.
func isCommon(pw string) bool {
	lower := strings.ToLower(pw)
	for i := len(lower); i > 0; i-- {
		if commonPasswords[lower[:i]] {
			return !strings.ContainsFunc(lower[i:], unicode.IsLetter)
		}
	}
	return false
}
