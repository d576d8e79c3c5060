package follow

import (
	"strings"
	"testing"

	"kovit/internal/kovit"
)

func TestSubjectValidate(t *testing.T) {
	for _, c := range []struct {
		s     Subject
		field string
	}{
		{Subject{Municipality, "0793"}, ""},
		{Subject{"county", "0079"}, "kind"},
		{Subject{Service, ""}, "id"},
		{Subject{Strategy, strings.Repeat("1", 65)}, "id"},
	} {
		fields := kovit.FieldsOf(c.s.Validate())
		if c.field == "" && len(fields) > 0 || c.field != "" && !fields.Has(c.field) {
			t.Errorf("%+v: %v", c.s, fields)
		}
	}
}

func TestSetCovers(t *testing.T) {
	none := NewSet(nil)
	if !none.Covers("0793", "", "") || !none.Covers("", "", "") {
		t.Error("following nothing covers not everything")
	}
	s := NewSet([]Subject{{Municipality, "0793"}, {Service, "SOC-001"}, {Strategy, "4"}})
	for _, c := range []struct {
		ehak, code, strategy string
		want                 bool
	}{
		{"0793", "BLD-001", "", true},
		{"0784", "SOC-001", "", true},
		{"0784", "BLD-001", "", false},
		{"", "", "4", true},
		{"", "", "5", false},
		{"", "", "", false},
	} {
		if got := s.Covers(c.ehak, c.code, c.strategy); got != c.want {
			t.Errorf("%+v: %v", c, got)
		}
	}
}
