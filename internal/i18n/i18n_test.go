package i18n

import (
	"testing"
	"time"
)

func TestCataloguesHaveTheSameMessages(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	et, en := c.ids["et"], c.ids["en"]
	if len(et) == 0 {
		t.Fatal("no Estonian messages")
	}
	for id := range et {
		if !en[id] {
			t.Errorf("%q has no English text", id)
		}
	}
	for id := range en {
		if !et[id] {
			t.Errorf("%q has no Estonian text", id)
		}
	}
}

func TestFormats(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	et, en := c.Printer("et"), c.Printer("en")
	day := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	tests := []struct{ got, want string }{
		{et.Date(day), "25.11.2026"},
		{en.Date(day), "25 Nov 2026"},
		{et.DateText("2027-01-15"), "15.01.2027"},
		{en.DateText("2027-01-15"), "15 Jan 2027"},
		{et.DateText(""), ""},
		{et.DateTime(day), "25.11.2026 12:00"},
		{et.Num(1234.5, 1), "1\u00a0234,5"},
		{en.Num(1234.5, 1), "1,234.5"},
		{et.Int(1234567), "1\u00a0234\u00a0567"},
		{et.Int(999), "999"},
		{et.Num(-0.04, 1), "0,0"},
		{et.Num(-12.5, 1), "−12,5"},
		{et.Percent(52, 0), "52\u00a0%"},
		{en.Percent(52, 0), "52%"},
		{et.PercentInt(5), "5\u00a0%"},
		{et.Percent(1.5, 1), "1,5\u00a0%"},
		{c.Printer("xx").Lang, "et"},
		{et.T("app.name"), "kovit"},
		{en.T("municipalities.count", "Count", 1), "1 municipality"},
		{en.T("municipalities.count", "Count", 79), "79 municipalities"},
		{et.T("municipalities.count", "Count", 79), "79 omavalitsust"},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%d: got %q, want %q", i, tt.got, tt.want)
		}
	}
	if et.T("no.such.key") != "no.such.key" || len(c.Missing()) != 1 {
		t.Errorf("missing key not recorded: %v", c.Missing())
	}
}
