package i18n

import (
	"net/http/httptest"
	"testing"
)

// TestRequestLanguage: whatever a client sends, it is served in a language kovit has.
func TestRequestLanguage(t *testing.T) {
	tests := []struct {
		cookie, accept    string
		wantPage, wantAPI string
	}{
		{"", "", "et", "et"},
		{"en", "", "en", "et"},
		{"et", "en-GB,en;q=0.9", "et", "en"},
		{"fr", "fr-FR, de;q=0.5", "et", "et"},
		{"en\x00x", "x-made-up-1234, en;q=0.1", "et", "en"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/", nil)
		if tt.cookie != "" {
			r.Header.Set("Cookie", "lang="+tt.cookie)
		}
		r.Header.Set("Accept-Language", tt.accept)
		if got := CookieLang(r); got != tt.wantPage {
			t.Errorf("cookie %q: page in %q, want %q", tt.cookie, got, tt.wantPage)
		}
		if got := AcceptLang(r); got != tt.wantAPI {
			t.Errorf("Accept-Language %q: API in %q, want %q", tt.accept, got, tt.wantAPI)
		}
	}
}
