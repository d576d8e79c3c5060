package notify

import (
	"testing"
	"time"

	"kovit/internal/kovit"
)

func TestDigestStart(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, kovit.Estonia)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		d         Delivery
		now, want string
	}{
		{Daily, "2026-12-02 07:00", "2026-12-02 07:00"},
		{Daily, "2026-12-02 06:59", "2026-12-01 07:00"},
		{Weekly, "2026-12-07 07:00", "2026-12-07 07:00"}, // Monday
		{Weekly, "2026-12-07 06:59", "2026-11-30 07:00"},
		{Weekly, "2026-12-06 23:00", "2026-11-30 07:00"}, // Sunday
	} {
		if got := DigestStart(c.d, at(c.now)); !got.Equal(at(c.want)) {
			t.Errorf("%s at %s: %s, want %s", c.d, c.now, got, c.want)
		}
	}
	if now := at("2026-12-02 10:00"); !DigestStart(Immediate, now).After(now) {
		t.Error("an immediate notification made now is not due now")
	}
}

func TestDefaults(t *testing.T) {
	for k, want := range map[Kind]Delivery{CellReturned: Immediate, NeedReturned: Immediate, CellVerified: Weekly, NeedFunded: Weekly, "unknown": Never} {
		if got := (Prefs{}).For(k); got != want {
			t.Errorf("%s: %s, want %s", k, got, want)
		}
	}
	if got := (Prefs{CellReturned: Never}).For(CellReturned); got != Never {
		t.Errorf("a choice of never gave %s", got)
	}
}

func TestSettingsValidate(t *testing.T) {
	for _, c := range []struct {
		s     Settings
		field string
	}{
		{Settings{Lang: "et", Prefs: Prefs{CellReturned: Daily}}, ""},
		{Settings{Lang: "fi"}, "lang"},
		{Settings{Lang: "en", Prefs: Prefs{CellReturned: "hourly"}}, "deliveries.cell_returned"},
		{Settings{Lang: "en", Prefs: Prefs{"nope": Never}}, "deliveries.nope"},
	} {
		err := c.s.Validate()
		if (c.field == "") != (err == nil) || (c.field != "" && !kovit.FieldsOf(err).Has(c.field)) {
			t.Errorf("%+v: %v, want a problem on %q", c.s, err, c.field)
		}
	}
}

func TestSettingsLink(t *testing.T) {
	s := Signer{Secret: []byte("secret")}
	tok := s.SettingsToken(42)
	if id, ok := s.SettingsUser(tok); !ok || id != 42 {
		t.Fatalf("own token: %d %t", id, ok)
	}
	mac := tok[len("42"):]
	for _, bad := range []string{"43" + mac, "042" + mac, tok + "x", "42.", "42", "", "-1" + mac} {
		if _, ok := s.SettingsUser(bad); ok {
			t.Errorf("%q was accepted", bad)
		}
	}
	if _, ok := (Signer{Secret: []byte("other")}).SettingsUser(tok); ok {
		t.Error("a token of another secret was accepted")
	}
	if _, ok := (Signer{}).SettingsUser(tok); ok {
		t.Error("a signer without a secret accepted a token")
	}
}
