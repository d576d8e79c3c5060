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

// dummyHash is compared against when an e-mail is unknown, so that a sign-in takes as long
// whether or not the account exists.
var dummyHash, _ = HashPassword("kovit-timing-equaliser")

// CheckNoUser spends the same time as CheckPassword for an unknown account.
func CheckNoUser(pw string) { CheckPassword(dummyHash, pw) }

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
