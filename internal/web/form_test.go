package web

import (
	"errors"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/i18n"
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

// TestTrySaveAndRefused: what a save's error becomes on a form page, and that a stale
// version keeps what was typed on the version stored now.
func TestTrySaveAndRefused(t *testing.T) {
	invalid := kovit.Problems{{Field: "name", Key: "error.required"}}
	other := errors.New("disk full")
	tests := []struct {
		name     string
		before   kovit.Problems
		err      error
		status   int
		problems kovit.Problems
		fail     error
		version  int
	}{
		{"saved", nil, nil, 0, nil, nil, 3},
		{"typed problems, no save", invalid, other, 422, invalid, nil, 3},
		{"refused by the domain", nil, invalid.Err(), 422, invalid, nil, 3},
		{"stale version", nil, kovit.Conflict(), 409, nil, nil, 5},
		{"another conflict is the error page's", nil, kovit.Errorf(kovit.EConflict, "error.service_retired"), 0, nil, kovit.Errorf(kovit.EConflict, "error.service_retired"), 3},
		{"a failure", nil, other, 0, nil, other, 3},
	}
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	l := catalog.Printer("en")
	for _, tt := range tests {
		status, problems, err := trySave(tt.before, func() error { return tt.err })
		if status != tt.status || !cmp.Equal(problems, tt.problems) || kovit.ErrorCode(err) != kovit.ErrorCode(tt.fail) || (err == nil) != (tt.fail == nil) {
			t.Errorf("%s: %d %v %v", tt.name, status, problems, err)
			continue
		}
		if status == 0 {
			continue
		}
		var f form
		typed := 3
		f.refused(l, status, problems, &typed, 5)
		if typed != tt.version || !cmp.Equal(f.Problems, tt.problems) || (f.Message != "") != (status == 409) {
			t.Errorf("%s: version %d, form %+v", tt.name, typed, f)
		}
	}
}
