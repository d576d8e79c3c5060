package notify

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"strings"
)

// settingsPurpose is what a mail's settings link may do: change that user's notification
// settings and nothing else. A signature for another purpose never verifies as this one.
const settingsPurpose = "notification-settings"

// Signer signs the settings links of mail with the server's secret, so a link works
// without sign-in and only for the user it was made for.
type Signer struct{ Secret []byte }

func (s Signer) mac(userID int64, purpose string) string {
	h := hmac.New(sha256.New, s.Secret)
	h.Write([]byte(purpose + "\x00" + strconv.FormatInt(userID, 10)))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// SettingsToken is the token of userID's settings link.
func (s Signer) SettingsToken(userID int64) string {
	return strconv.FormatInt(userID, 10) + "." + s.mac(userID, settingsPurpose)
}

// SettingsUser is the user a settings link's token was made for; ok is false for a token
// that was not made with this secret or was changed.
func (s Signer) SettingsUser(token string) (userID int64, ok bool) {
	id, mac, found := strings.Cut(token, ".")
	if !found || len(s.Secret) == 0 {
		return 0, false
	}
	userID, err := strconv.ParseInt(id, 10, 64)
	if err != nil || userID <= 0 || strconv.FormatInt(userID, 10) != id {
		return 0, false
	}
	return userID, hmac.Equal([]byte(mac), []byte(s.mac(userID, settingsPurpose)))
}
