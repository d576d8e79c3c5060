package auth

import (
	"strings"
	"testing"
)

func TestPasswordProblem(t *testing.T) {
	tests := map[string]string{
		"1234567890":                      "error.password_short", // on the list, and 10 long
		"lühike-11ch":                     "error.password_short",
		"password1234":                    "error.password_common",
		"Password2026!":                   "error.password_common",
		"QWERTY123456":                    "error.password_common",
		"123456789012":                    "error.password_common",
		"1234567890!!":                    "error.password_common",
		"password1234x":                   "",
		"õige hobune aku klamber":         "",
		"kolm-sõna-kokku":                 "",
		"ilmar.tamm@tartu.ee":             "",
		strings.Repeat("õ", 37):           "error.password_long", // 74 bytes
		strings.Repeat("tere ", 14):       "",
		"passwordpassword":                "", // letters after a listed word are a longer password
		"winniethepooh":                   "",
		"uus-parool-123":                  "",
		"admin-parool-1":                  "",
		"secret" + strings.Repeat("9", 8): "error.password_common",
	}
	for pw, want := range tests {
		if got := PasswordProblem(pw); got != want {
			t.Errorf("PasswordProblem(%q) = %q, want %q", pw, got, want)
		}
	}
	if n := strings.Count(commonPasswordsFile, "\n"); n != 1000 {
		t.Errorf("%d common passwords, want 1,000", n)
	}
}

func TestGeneratePasswordIsAccepted(t *testing.T) {
	for range 2000 {
		if pw := GeneratePassword(); PasswordProblem(pw) != "" {
			t.Fatalf("generated %q: %s", pw, PasswordProblem(pw))
		}
	}
}
