package kovit

import (
	"testing"
	"time"
)

// validDay is ValidDate of a YYYY-MM-DD day, for the table below.
func validDay(s string) bool {
	d, err := time.Parse(time.DateOnly, s)
	return err == nil && ValidDate(d)
}

func TestValidators(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) bool
		in   string
		want bool
	}{
		{"email plain", ValidEmail, "it@tartu.ee", true},
		{"email display name", ValidEmail, "IT <it@tartu.ee>", false},
		{"email no domain dot", ValidEmail, "it@tartu", false},
		{"email empty", ValidEmail, "", false},
		{"url https", ValidURL, "https://www.tartu.ee", true},
		{"url no scheme", ValidURL, "www.tartu.ee", false},
		{"url javascript", ValidURL, "javascript:alert(1)", false},
		{"phone estonian", ValidPhone, "+372 736 1111", true},
		{"phone letters", ValidPhone, "call me", false},
		{"phone too short", ValidPhone, "123", false},
		{"date first day", validDay, "1900-01-01", true},
		{"date last day", validDay, "2200-12-31", true},
		{"date year 0", validDay, "0000-01-01", false},
		{"date 1899", validDay, "1899-12-31", false},
		{"date 2201", validDay, "2201-01-01", false},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s: %q = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestStatusCode(t *testing.T) {
	var p Problems
	p.Add("email", "error.email")
	tests := []struct {
		err  error
		want int
	}{
		{p.Err(), 422},
		{NotFound(), 404},
		{Conflict(), 409},
		{Forbidden(), 403},
		{Unauthorized(), 401},
		{Errorf(ETooLarge, "error.too_large"), 413},
		{errPlain("boom"), 500},
	}
	for _, tt := range tests {
		if got := StatusCode(tt.err); got != tt.want {
			t.Errorf("StatusCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
	if ErrorCode(nil) != "" {
		t.Error("nil error has a code")
	}
	if (Problems{}).Err() != nil {
		t.Error("empty problems should be no error")
	}
}

type errPlain string

func (e errPlain) Error() string { return string(e) }
