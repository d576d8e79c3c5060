package advice

import (
	"slices"
	"strings"
	"testing"

	"kovit/internal/kovit"
)

func TestResponseInput(t *testing.T) {
	for _, c := range []struct {
		name       string
		in         ResponseInput
		staff      int
		fields     []string
		noComments bool
	}{
		{"nothing said, nothing written", ResponseInput{}, 0, nil, true},
		{"the staff's comments as they stand", ResponseInput{}, 2, nil, false},
		{"a text of its own", ResponseInput{Text: "Toetame eelnõud tingimusel, et rahastus tagatakse."}, 0, nil, false},
		{"a text besides the comments", ResponseInput{Text: "Toetame."}, 3, nil, false},
		{"an explicit no comments", ResponseInput{NoComments: true}, 0, nil, true},
		{"no comments with a text", ResponseInput{Text: "Toetame.", NoComments: true}, 0, []string{"no_comments"}, false},
		{"no comments over the staff's", ResponseInput{NoComments: true}, 1, []string{"no_comments"}, false},
		{"a text too long", ResponseInput{Text: strings.Repeat("a", MaxResponseText+1)}, 0, []string{"text"}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.in.Check(c.staff)
			var got []string
			for _, f := range kovit.FieldsOf(err) {
				got = append(got, f.Field)
			}
			if !slices.Equal(got, c.fields) {
				t.Fatalf("problems %v, want %v", got, c.fields)
			}
			if err != nil {
				return
			}
			if r := c.in.Response(7, "0793", c.staff); r.NoComments != c.noComments || r.Text != c.in.Text || r.RoundID != 7 || r.MunicipalityEHAK != "0793" {
				t.Errorf("response %+v", r)
			}
		})
	}
}

func TestResponseFor(t *testing.T) {
	r := Response{MunicipalityEHAK: "0793", Text: "Toetame."}
	for _, c := range []struct {
		own         string
		coordinator bool
		want        string
	}{{"0793", false, "Toetame."}, {"0784", false, ""}, {"", false, ""}, {"", true, "Toetame."}} {
		if got := r.For(c.own, c.coordinator).Text; got != c.want {
			t.Errorf("For(%q, %v) = %q, want %q", c.own, c.coordinator, got, c.want)
		}
	}
}
