package auth

import (
	"testing"

	"kovit/internal/kovit"
)

func TestCredentialPolicy(t *testing.T) {
	session := &User{ID: 1, Role: RoleReader, Active: true}
	token := &User{ID: 1, Role: RoleAdmin, Active: true, ByToken: true}
	pending := &User{ID: 2, Role: RoleAdmin, Active: true, MustChangePassword: true, PasswordHash: "$2a$10$chosen"}
	passwordless := &User{ID: 3, Role: RoleEditor, Active: true, MustChangePassword: true, OIDCSubject: "https://tara|EE38001085718"}
	tests := []struct {
		name string
		err  error
		want kovit.Code
	}{
		{"session manages credentials", CanManageCredentials(session), ""},
		{"token manages credentials", CanManageCredentials(token), kovit.EForbidden},
		{"anonymous manages credentials", CanManageCredentials(nil), kovit.EUnauthorized},
		{"no change pending", PasswordChangePending(session), ""},
		{"anonymous has nothing pending", PasswordChangePending(nil), ""},
		{"change pending", PasswordChangePending(pending), kovit.EForbidden},
		{"no password to change", PasswordChangePending(passwordless), ""},
	}
	for _, tt := range tests {
		if got := kovit.ErrorCode(tt.err); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}
