package need

import (
	"slices"
	"testing"
)

// onlyTartuSubmitted reads Tartu's needs once they are submitted, like no real role: it
// tells the municipality check from the state check.
func onlyTartuSubmitted(ehak string, editable bool) bool { return ehak == "0793" && !editable }

func TestReadable(t *testing.T) {
	needs := []Need{
		{ID: 1, MunicipalityEHAK: "0793", State: Draft, Title: "a"},
		{ID: 2, MunicipalityEHAK: "0793", State: Submitted, Title: "b"},
		{ID: 3, MunicipalityEHAK: "0793", State: Returned, Title: "c"},
		{ID: 4, MunicipalityEHAK: "0784", State: Accepted, Title: "d", ContactEmail: "d@tallinn.ee"},
		{ID: 5, MunicipalityEHAK: "0793", State: Done, Title: "e"},
	}
	ids := func(ns []Need) []int64 {
		var out []int64
		for _, n := range ns {
			out = append(out, n.ID)
		}
		return out
	}
	if got := ids(Readable(needs, onlyTartuSubmitted)); !slices.Equal(got, []int64{2, 5}) {
		t.Errorf("Readable: %v, want [2 5]", got)
	}
	if got := Readable(nil, onlyTartuSubmitted); got == nil || len(got) != 0 {
		t.Errorf("Readable of none: %#v, want an empty list", got)
	}
	s := ReadableSuggestions([]Suggestion{{Need: needs[3], Score: 0.9}, {Need: needs[1], Score: 0.5}}, onlyTartuSubmitted)
	if len(s) != 1 || s[0].Need.ID != 2 {
		t.Errorf("ReadableSuggestions: %+v", s)
	}

	mt := MeasureTrace{Needs: needs, Municipalities: []string{"0784", "0793"}}.ReadableBy(onlyTartuSubmitted)
	if got := ids(mt.Needs); !slices.Equal(got, []int64{2, 5}) || len(mt.Municipalities) != 2 {
		t.Errorf("MeasureTrace.ReadableBy: %v %v", got, mt.Municipalities)
	}

	tr := Trace{Need: needs[1], Repeats: []Need{needs[3], needs[4]}}
	got := tr.ReadableBy(onlyTartuSubmitted)
	if r := got.Repeats[0]; r.ID != 4 || r.MunicipalityEHAK != "0784" || r.State != Accepted || r.Title != "" || r.ContactEmail != "" {
		t.Errorf("an unreadable repeat is not cut to its summary: %+v", r)
	}
	if got.Repeats[1].Title != "e" {
		t.Errorf("a readable repeat was cut: %+v", got.Repeats[1])
	}
	if tr.Repeats[0].Title != "d" {
		t.Error("ReadableBy changed the trace it was given")
	}
}

func TestFilterWithin(t *testing.T) {
	for _, c := range []struct {
		name          string
		f             Filter
		ehak          string
		submittedOnly bool
		ok            bool
		wantEHAK      string
		wantSubmitted bool
	}{
		{"coordinator", Filter{MunicipalityEHAK: "0784"}, "", false, true, "0784", false},
		{"reader", Filter{}, "", true, true, "", true},
		{"editor, any municipality", Filter{}, "0793", false, true, "0793", false},
		{"editor, own", Filter{MunicipalityEHAK: "0793"}, "0793", false, true, "0793", false},
		{"editor, another's", Filter{MunicipalityEHAK: "0784"}, "0793", false, false, "0784", false},
	} {
		f := c.f
		if ok := f.Within(c.ehak, c.submittedOnly); ok != c.ok || f.MunicipalityEHAK != c.wantEHAK || f.SubmittedOnly != c.wantSubmitted {
			t.Errorf("%s: %v %+v", c.name, ok, f)
		}
	}
}
