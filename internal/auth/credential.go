package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"

	"golang.org/x/crypto/bcrypt"
)

// HashPassword hashes pw with bcrypt.
func HashPassword(pw string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	return string(h), err
}

// CheckPassword reports whether pw matches hash.
func CheckPassword(hash, pw string) bool {
	if hash == "" {
		return false
	}
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw))
	return err == nil
}

// dummyHash is compared against when there is no password to compare with, so that a
// sign-in takes as long whether or not the account exists.
var dummyHash, _ = HashPassword("kovit-timing-equaliser")

// SignInMatches reports whether pw signs u in: u exists (is not nil), is active, has a
// password and pw is it. It runs exactly one bcrypt comparison whatever the case, against
// a dummy hash when there is no password, so the answer takes as long for an unknown,
// a deactivated or an external-sign-in-only account as for an active one.
func SignInMatches(u *User, pw string) bool {
	hash := dummyHash
	if u != nil && u.PasswordHash != "" {
		hash = u.PasswordHash
	}
	match := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw)) == nil
	return match && u != nil && u.PasswordHash != "" && u.Active
}

// GeneratePassword returns a random password for a new or reset account, one that
// PasswordProblem accepts.
func GeneratePassword() string {
	for {
		if pw := randomString(12); PasswordProblem(pw) == "" {
			return pw
		}
	}
}

// TokenPrefix starts every API token so it is recognisable in logs and secret scanners.
const TokenPrefix = "kovit_"

// GenerateToken returns a new API token, its display prefix and the hash that is stored.
func GenerateToken() (token, prefix, hash string) {
	token = TokenPrefix + randomString(32)
	return token, token[:len(TokenPrefix)+6], HashToken(token)
}

// HashToken is how a token is stored and looked up. A fast hash is fine: tokens are long
// random strings, not guessable passwords.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

func randomString(nBytes int) string {
	b := make([]byte, nBytes)
	if _, err := rand.Read(b); err != nil {
		panic(errors.New("crypto/rand failed: " + err.Error())) // cannot happen on Linux
	}
	return base64.RawURLEncoding.EncodeToString(b)
}
