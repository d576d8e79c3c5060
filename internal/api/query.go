package api

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"kovit/internal/kovit"
)

// query reads URL parameters and collects a problem for each bad one, so a client learns
// of all of them at once. A parameter no handler reads is a problem too: a misspelt
// ?countyy= must not quietly return the whole list.
type query struct {
	values url.Values
	read   map[string]bool
	p      kovit.Problems
}

func newQuery(r *http.Request) *query {
	return &query{values: r.URL.Query(), read: map[string]bool{}}
}

// str returns the parameter, or "" when it is absent or cannot be stored.
func (q *query) str(name string) string {
	q.read[name] = true
	s := q.values.Get(name)
	if !storable(s) {
		q.p.Add(name, "api.error.text")
		return ""
	}
	return s
}

// int returns the parameter as a whole number, or 0 when it is absent or bad.
func (q *query) int(name string) int {
	s := q.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		q.p.Add(name, "error.number")
		return 0
	}
	return n
}

// page reads limit and offset, which every list takes, by kovit.ParsePage. An absent
// limit is 0, for the list's own default: the filter's Validate fills it, pageOf gives
// every item.
func (q *query) page() kovit.Page {
	q.read["limit"], q.read["offset"] = true, true
	pg, err := kovit.ParsePage(q.values, 0)
	q.p = append(q.p, kovit.FieldsOf(err)...)
	return pg
}

// sort reads sort and order by kovit.ParseSort; a sort that cannot be stored is a
// problem of its own and leaves the list's default.
func (q *query) sort() kovit.Sort {
	field := q.str("sort")
	q.read["order"] = true
	s, err := kovit.ParseSort(q.values)
	q.p = append(q.p, kovit.FieldsOf(err)...)
	s.Field = field
	return s
}

// bool returns the parameter as true or false, or nil when it is absent or bad.
func (q *query) bool(name string) *bool {
	switch q.str(name) {
	case "":
		return nil
	case "true":
		b := true
		return &b
	case "false":
		b := false
		return &b
	}
	q.p.Add(name, "api.error.boolean")
	return nil
}

// time returns the parameter as an instant: RFC 3339 as given, or a YYYY-MM-DD date as
// the start of that day in Estonian time. With endOfDay a date means the start of the day
// after, so that until=2026-11-25 includes the whole 25th.
func (q *query) time(name string, endOfDay bool) time.Time {
	s := q.str(name)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	d, err := time.ParseInLocation(time.DateOnly, s, kovit.Estonia)
	if err != nil {
		q.p.Add(name, "api.error.datetime")
		return time.Time{}
	}
	if endOfDay {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// check returns every problem found while reading, the unread parameters and those the
// module's own validation reported, together as one invalid error.
func (q *query) check(validation error) error {
	var unknown []string
	for name := range q.values {
		if !q.read[name] {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		q.p.Add(name, "api.error.unknown_parameter")
	}
	if validation != nil {
		e := kovit.AsError(validation)
		if e == nil || e.Code != kovit.EInvalid {
			return validation
		}
		q.p = append(q.p, e.Fields...)
	}
	return q.p.Err()
}
