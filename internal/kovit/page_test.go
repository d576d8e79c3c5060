package kovit

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestParsePage(t *testing.T) {
	tests := []struct {
		query string
		want  Page
		bad   []FieldError
	}{
		{"", Page{Limit: 20}, nil},
		{"limit=1&offset=0", Page{Limit: 1}, nil},
		{"limit=500&offset=7", Page{Limit: 500, Offset: 7}, nil},
		{"limit=0", Page{Limit: 20}, []FieldError{{"limit", "error.limit"}}},
		{"limit=501", Page{Limit: 20}, []FieldError{{"limit", "error.limit"}}},
		{"limit=-3&offset=-1", Page{Limit: 20}, []FieldError{{"limit", "error.limit"}, {"offset", "error.offset"}}},
		{"limit=1e3&offset=x", Page{Limit: 20}, []FieldError{{"limit", "error.number"}, {"offset", "error.number"}}},
		{"limit=99999999999999999999", Page{Limit: 20}, []FieldError{{"limit", "error.number"}}},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		got, err := ParsePage(q, 20)
		if got != tt.want || !cmp.Equal(FieldsOf(err), Problems(tt.bad)) {
			t.Errorf("%q: %+v, %v; want %+v, %v", tt.query, got, FieldsOf(err), tt.want, tt.bad)
		}
	}
}

func TestParseSort(t *testing.T) {
	tests := []struct {
		query string
		want  Sort
		bad   bool
	}{
		{"", Sort{}, false},
		{"sort=name", Sort{Field: "name"}, false},
		{"sort=name&order=asc", Sort{Field: "name"}, false},
		{"sort=name&order=desc", Sort{Field: "name", Desc: true}, false},
		{"order=up", Sort{}, true},
	}
	for _, tt := range tests {
		q, _ := url.ParseQuery(tt.query)
		got, err := ParseSort(q)
		if got != tt.want || (err != nil) != tt.bad || tt.bad && FieldsOf(err)[0].Field != "order" {
			t.Errorf("%q: %+v, %v", tt.query, got, err)
		}
	}
}

func TestCheckPage(t *testing.T) {
	tests := []struct {
		limit, offset, want int
		bad                 []string
	}{
		{0, 0, 50, nil}, {10, 5, 10, nil}, {-1, 0, -1, []string{"limit"}}, {501, -1, 501, []string{"limit", "offset"}},
	}
	for _, tt := range tests {
		var p Problems
		limit := tt.limit
		CheckPage(&p, &limit, tt.offset, 50)
		var fields []string
		for _, f := range p {
			fields = append(fields, f.Field)
		}
		if limit != tt.want || !cmp.Equal(fields, tt.bad) {
			t.Errorf("%d/%d: limit %d, problems %v", tt.limit, tt.offset, limit, fields)
		}
	}
}
