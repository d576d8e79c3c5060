package survey

import (
	"slices"
	"testing"
	"time"

	"kovit/internal/municipality"
)

// TestResultsStamp: the stamp changes with everything the results show and with nothing
// they leave out.
func TestResultsStamp(t *testing.T) {
	at := time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)
	base := func() (Survey, []Response, map[string]municipality.Municipality) {
		s := sample()
		s.ID, s.Version, s.UpdatedAt = 7, 2, at
		approved := at.Add(time.Hour)
		rs := []Response{
			{MunicipalityEHAK: "0130", State: Submitted, Version: 2, UpdatedAt: at},
			{MunicipalityEHAK: "0793", State: Approved, Version: 3, UpdatedAt: approved, ApprovedAt: &approved},
		}
		ms := map[string]municipality.Municipality{"0793": {EHAK: "0793", Type: municipality.City}, "0130": {EHAK: "0130", Type: "vald"}}
		return s, rs, ms
	}
	byType := func(m municipality.Municipality) string { return string(m.Type) }
	s, rs, ms := base()
	want := ResultsStamp(s, rs, ms, byType)
	for _, c := range []struct {
		name   string
		change func(s *Survey, rs *[]Response, ms map[string]municipality.Municipality)
		same   bool
	}{
		{"nothing", func(*Survey, *[]Response, map[string]municipality.Municipality) {}, true},
		{"a submitted response saved again", func(_ *Survey, rs *[]Response, _ map[string]municipality.Municipality) {
			(*rs)[0].Version, (*rs)[0].UpdatedAt = 3, at.Add(time.Minute)
		}, true},
		{"a draft added", func(_ *Survey, rs *[]Response, _ map[string]municipality.Municipality) {
			*rs = append(*rs, Response{MunicipalityEHAK: "0784", State: Draft, Version: 1, UpdatedAt: at})
		}, true},
		{"a response approved", func(_ *Survey, rs *[]Response, _ map[string]municipality.Municipality) {
			(*rs)[0].State, (*rs)[0].Version = Approved, 3
		}, false},
		{"an approved response added", func(_ *Survey, rs *[]Response, ms map[string]municipality.Municipality) {
			ms["0784"] = municipality.Municipality{EHAK: "0784", Type: municipality.City}
			*rs = append(*rs, Response{MunicipalityEHAK: "0784", State: Approved, Version: 2, UpdatedAt: at})
		}, false},
		{"an approved response's version", func(_ *Survey, rs *[]Response, _ map[string]municipality.Municipality) { (*rs)[1].Version++ }, false},
		{"an approved response's time", func(_ *Survey, rs *[]Response, _ map[string]municipality.Municipality) {
			(*rs)[1].UpdatedAt = at.Add(2 * time.Hour)
		}, false},
		{"the survey's version", func(s *Survey, _ *[]Response, _ map[string]municipality.Municipality) { s.Version++ }, false},
		{"another survey", func(s *Survey, _ *[]Response, _ map[string]municipality.Municipality) { s.ID++ }, false},
		{"a municipality in another group", func(_ *Survey, _ *[]Response, ms map[string]municipality.Municipality) {
			ms["0793"] = municipality.Municipality{EHAK: "0793", Type: "vald"}
		}, false},
		{"a municipality of a draft in another group", func(_ *Survey, _ *[]Response, ms map[string]municipality.Municipality) {
			ms["0130"] = municipality.Municipality{EHAK: "0130", Type: municipality.City}
		}, true},
	} {
		s, rs, ms := base()
		rs = slices.Clone(rs)
		c.change(&s, &rs, ms)
		if got := ResultsStamp(s, rs, ms, byType); (got == want) != c.same {
			t.Errorf("%s: same stamp %v, want %v", c.name, got == want, c.same)
		}
	}
	if ResultsStamp(s, rs, ms, byType) == ResultsStamp(s, rs, ms, func(municipality.Municipality) string { return "kõik" }) {
		t.Error("another grouping, the same stamp")
	}
}

// TestResultsPage sums up a page of the questions that have a result, past the texts.
func TestResultsPage(t *testing.T) {
	s := sample()
	ms := map[string]municipality.Municipality{"0793": {EHAK: "0793", Type: municipality.City}}
	rs := []Response{{MunicipalityEHAK: "0793", State: Approved, Answers: map[string]Answer{"stream": {Text: "jah"}, "budget": {Number: f(100)}}}}
	byType := func(m municipality.Municipality) string { return string(m.Type) }
	all := Results(s, rs, ms, byType)
	for _, c := range []struct{ offset, limit, from, to int }{{0, 2, 0, 2}, {1, 2, 1, 3}, {4, 20, 4, 5}, {5, 20, 5, 5}, {99, 20, 5, 5}, {0, 100, 0, 5}} {
		got, total := ResultsPage(s, rs, ms, byType, c.offset, c.limit)
		if total != len(all) || len(got) != c.to-c.from {
			t.Errorf("%d+%d: %d of %d", c.offset, c.limit, len(got), total)
			continue
		}
		for i, r := range got {
			if r.Key != all[c.from+i].Key || len(r.Groups) != len(all[c.from+i].Groups) {
				t.Errorf("%d+%d: %d is %s, want %s", c.offset, c.limit, i, r.Key, all[c.from+i].Key)
			}
		}
	}
}
