package api_test

import (
	"encoding/json"
	"slices"
	"testing"

	"kovit/internal/notify"
)

// TestOpenAPINotificationKinds: a notification's kind may be any kind a person can be
// told of, and the mail of an invitation, a forgotten password or a public commenter's
// sign-up link, which the list keeps as a record; the document names each.
func TestOpenAPINotificationKinds(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	var kind struct {
		Enum []notify.Kind `json:"enum"`
	}
	if err := json.Unmarshal(doc.Components.Schemas["Notification"].Properties["kind"], &kind); err != nil {
		t.Fatal(err)
	}
	want := []notify.Kind{notify.AccountInvite, notify.PasswordReset, notify.CommenterSignUp}
	for _, k := range notify.Kinds {
		want = append(want, k.Kind)
	}
	for _, k := range want {
		if !slices.Contains(kind.Enum, k) {
			t.Errorf("the Notification schema's kind lacks %q", k)
		}
	}
}
