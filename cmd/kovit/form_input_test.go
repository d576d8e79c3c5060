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

// TestFormDatesOutsideTheYearsAreRefused: a form date before 1900 or after 2200 is a
// typo, refused on the field as the API refuses it, and nothing is saved.
func TestFormDatesOutsideTheYearsAreRefused(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		c := a.as(t, a.user(t, "mari@viljandi.test", auth.RoleEditor, "0899"))
		for _, day := range []string{"31.12.1899", "0026-11-20", "01.01.2201"} {
			s, body := postForm(t, c, a.URL+"/eservices/0899/SOC-001", url.Values{"offering": {"not_applicable"},
				"evidence_checked_on": {day}, "version": {"0"}})
			if s != http.StatusUnprocessableEntity || !strings.Contains(body, "Sisestage kuupäev") {
				t.Errorf("%s: status %d, want 422 on the date", day, s)
			}
		}
		if cell, _ := a.store.Cell(context.Background(), "0899", "SOC-001"); cell.Version != 0 {
			t.Errorf("a refused date was saved: %+v", cell)
		}
	})
}
