package municipality

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/kovit"
)

func TestSearchKeyFindsWithAndWithoutMarks(t *testing.T) {
	name := SearchKey("Põltsamaa vald")
	for _, q := range []string{"poltsamaa", "Põlts", "PÕLTSAMAA", "  põlt "} {
		if !strings.Contains(name, SearchKey(q)) {
			t.Errorf("%q does not find Põltsamaa vald", q)
		}
	}
	if strings.Contains(name, SearchKey("tartu")) {
		t.Error("tartu should not find Põltsamaa")
	}
}

func TestSortKeyIsEstonianAlphabet(t *testing.T) {
	names := []string{"Ülenurme", "Võru", "Zoo", "Šaht", "Õismäe", "Tartu", "Ämari", "Saue", "Öö", "Aa"}
	sort.Slice(names, func(i, j int) bool { return SortKey(names[i]) < SortKey(names[j]) })
	want := []string{"Aa", "Saue", "Šaht", "Zoo", "Tartu", "Võru", "Õismäe", "Ämari", "Öö", "Ülenurme"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("Estonian order (-want +got):\n%s", diff)
	}
}

func TestDetailsValidate(t *testing.T) {
	tests := []struct {
		name   string
		d      Details
		fields []string
	}{
		{"empty is fine", Details{Version: 1}, nil},
		{"all good", Details{Website: "https://tartu.ee", Contact: Contact{"Mari Maasikas", "it@tartu.ee", "+372 5555 1234"}, Version: 3}, nil},
		{"everything wrong", Details{Website: "tartu", Contact: Contact{strings.Repeat("x", 201), "not-mail", "abc"}}, []string{"website", "contact_name", "contact_email", "contact_phone", "version"}},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range kovit.FieldsOf(tt.d.Validate()) {
			got = append(got, f.Field)
		}
		if diff := cmp.Diff(tt.fields, got); diff != "" {
			t.Errorf("%s: fields (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestFilterValidate(t *testing.T) {
	f := Filter{}
	if err := f.Validate(); err != nil || f.Sort != SortName || f.Limit != 100 {
		t.Fatalf("defaults: %+v %v", f, err)
	}
	bad := Filter{Sort: "hack", Type: "küla", Limit: 100000, Offset: -1}
	var got []string
	for _, p := range kovit.FieldsOf(bad.Validate()) {
		got = append(got, p.Field)
	}
	if diff := cmp.Diff([]string{"sort", "type", "limit", "offset"}, got); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}
