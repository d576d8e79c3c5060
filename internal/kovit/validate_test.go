package kovit

import "testing"

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
