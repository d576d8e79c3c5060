package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
)

// TestOversizedFormIsRefused: a form past the limit is answered 413 with a page that says
// so in the user's language, not as text with bad characters, and changes nothing.
func TestOversizedFormIsRefused(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		c := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
		form := url.Values{"version": {"1"}, "contact_name": {strings.Repeat("a", 2<<20)}}.Encode()
		for _, tt := range []struct{ lang, want string }{
			{"et", "Vorm on saatmiseks liiga suur."}, {"en", "The form is too large to be sent."},
		} {
			if s, _ := postForm(t, c, a.URL+"/lang", url.Values{"lang": {tt.lang}}); s != http.StatusSeeOther {
				t.Fatalf("switch to %s: %d", tt.lang, s)
			}
			s, body := send(t, c, http.MethodPost, a.URL+"/municipalities/0793/edit", "application/x-www-form-urlencoded", form)
			if s != http.StatusRequestEntityTooLarge || !strings.Contains(body, tt.want) {
				t.Errorf("%s: status %d, want 413 saying %q:\n%.2000s", tt.lang, s, tt.want, body)
			}
		}
		if m, _ := a.store.Municipality(context.Background(), "0793"); m.Version != 1 {
			t.Error("an oversized form changed the record")
		}
	})
}
