package plan

import (
	"testing"

	"kovit/internal/kovit"
)

func TestActivityFilterValidate(t *testing.T) {
	one, two := int64(1), int64(2)
	tree := Tree{Strategy: Strategy{}.WithDefaults(), Nodes: []Node{
		{ID: 1, Kind: Goal}, {ID: 2, ParentID: &one, Kind: Direction}, {ID: 3, ParentID: &two, Kind: Activity},
	}}
	for _, c := range []struct {
		f     ActivityFilter
		field string // "" when valid
	}{
		{ActivityFilter{}, ""},
		{ActivityFilter{Branch: 2, Status: Done, LeadOrgID: 4, Municipality: "0793"}, ""},
		{ActivityFilter{Branch: 3}, "direction"}, // an activity is not a branch
		{ActivityFilter{Branch: 99}, "direction"},
		{ActivityFilter{Status: "valmis"}, "status"},
		{ActivityFilter{LeadOrgID: -1}, "lead"},
		{ActivityFilter{Municipality: "Tartu"}, "municipality"},
	} {
		err := c.f.Validate(tree)
		if c.field == "" {
			if err != nil {
				t.Errorf("%+v: %v", c.f, err)
			}
			continue
		}
		if p := kovit.FieldsOf(err); len(p) != 1 || p[0].Field != c.field {
			t.Errorf("%+v: got %v, want a problem with %s", c.f, err, c.field)
		}
	}
}
