package web

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/kovit"
)

// TestWholeNumbersOneRule: a whole number reads the same from a query (intParam) as from
// a posted form (formInt); they used to disagree about negatives and spaces.
func TestWholeNumbersOneRule(t *testing.T) {
	tests := []struct {
		in   string
		want int
		bad  bool
	}{
		{"", 0, false}, {"7", 7, false}, {" 7 ", 7, false}, {"0", 0, false},
		{"-1", 0, true}, {"x", 0, true}, {"1.5", 0, true}, {"99999999999999999999", 0, true},
	}
	for _, tt := range tests {
		var q, f kovit.Problems
		fromQuery := intParam(url.Values{"n": {tt.in}}, "n", &q)
		r := httptest.NewRequest("POST", "/", strings.NewReader(url.Values{"n": {tt.in}}.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		fromForm := formInt(r, "n", &f)
		for name, got := range map[string]struct {
			n int
			p kovit.Problems
		}{"intParam": {fromQuery, q}, "formInt": {fromForm, f}} {
			if got.n != tt.want || (len(got.p) > 0) != tt.bad || tt.bad && got.p[0] != (kovit.FieldError{Field: "n", Key: "error.number"}) {
				t.Errorf("%s(%q) = %d, %v; want %d, bad %v", name, tt.in, got.n, got.p, tt.want, tt.bad)
			}
		}
	}
}
