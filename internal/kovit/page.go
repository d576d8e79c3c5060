package kovit

import (
	"net/url"
	"strconv"
)

// MaxLimit caps a page of every list, so one request cannot ask for an unbounded answer.
const MaxLimit = 500

// Page is the part of a list asked for: Limit items from Offset on.
type Page struct{ Limit, Offset int }

// ParsePage reads limit and offset from a URL query: the one paging rule of every list,
// on the pages and in the API. An absent limit is def (0 leaves it to the list); an
// explicit 0 or a negative is refused rather than taken as that default, as is a negative
// offset or a value that is not a whole number. Each refusal names its field.
func ParsePage(values url.Values, def int) (Page, error) {
	var p Problems
	pg := Page{Limit: def}
	if n, ok := wholeParam(values, "limit", &p); ok && (n < 1 || n > MaxLimit) {
		p.Add("limit", "error.limit")
	} else if ok {
		pg.Limit = n
	}
	if n, ok := wholeParam(values, "offset", &p); ok && n < 0 {
		p.Add("offset", "error.offset")
	} else if ok {
		pg.Offset = n
	}
	return pg, p.Err()
}

// wholeParam reads an integer parameter; ok is false when it is absent or not a number,
// which is a problem of its own.
func wholeParam(values url.Values, name string, p *Problems) (n int, ok bool) {
	s := values.Get(name)
	if s == "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		p.Add(name, "error.number")
		return 0, false
	}
	return n, true
}

// CheckPage is ParsePage's rule for a list filter that code, not a URL, filled in: an
// unset limit becomes def, and a limit outside 1..MaxLimit or a negative offset is a problem.
func CheckPage(p *Problems, limit *int, offset, def int) {
	if *limit == 0 {
		*limit = def
	}
	if *limit < 0 || *limit > MaxLimit {
		p.Add("limit", "error.limit")
	}
	if offset < 0 {
		p.Add("offset", "error.offset")
	}
}

// Sort is the order a list was asked for: by Field, backwards when Desc.
type Sort struct {
	Field string
	Desc  bool
}

// ParseSort reads sort and order from a URL query. The field is taken as given: which
// fields a list sorts by, and by which when none is asked, its filter's Validate says. An
// order other than asc or desc is refused.
func ParseSort(values url.Values) (Sort, error) {
	s := Sort{Field: values.Get("sort")}
	switch values.Get("order") {
	case "", "asc":
	case "desc":
		s.Desc = true
	default:
		var p Problems
		p.Add("order", "error.order")
		return s, p.Err()
	}
	return s, nil
}
