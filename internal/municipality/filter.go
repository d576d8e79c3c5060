package municipality

import (
	"strings"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"kovit/internal/kovit"
)

// Sort fields a list may be ordered by.
const (
	SortName       = "name"
	SortCounty     = "county"
	SortType       = "type"
	SortPopulation = "population"
)

// MaxLimit is the largest page of municipalities, as of every list.
const MaxLimit = kovit.MaxLimit

// Filter selects and orders a list of municipalities. Empty fields do not filter.
type Filter struct {
	Q          string
	CountyEHAK string
	Type       Type
	Sort       string
	Desc       bool
	Limit      int
	Offset     int
}

// Validate checks the filter and fills defaults.
func (f *Filter) Validate() error {
	var p kovit.Problems
	switch f.Sort {
	case "":
		f.Sort = SortName
	case SortName, SortCounty, SortType, SortPopulation:
	default:
		p.Add("sort", "error.sort")
	}
	if f.Type != "" && !f.Type.Valid() {
		p.Add("type", "error.type")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 100)
	if kovit.TooLong(f.Q, 100) {
		p.Add("q", "error.too_long")
	}
	return p.Err()
}

// folds maps the Estonian and other Latin letters people often type without their marks.
var folds = strings.NewReplacer(
	"õ", "o", "ä", "a", "ö", "o", "ü", "u", "š", "s", "ž", "z",
	"Õ", "o", "Ä", "a", "Ö", "o", "Ü", "u", "Š", "s", "Ž", "z",
)

// SearchKey folds s for matching: lower case, õ ä ö ü š ž as o a o u s z, so that
// "poltsamaa" and "Põlts" both find "Põltsamaa vald".
func SearchKey(s string) string {
	return strings.ToLower(folds.Replace(strings.TrimSpace(s)))
}

// SortKey returns a key that orders names in Estonian alphabetical order (š z ž after s,
// õ ä ö ü after w) under plain byte comparison, which both databases do the same way.
func SortKey(name string) string {
	k := collators.Get().(*keyMaker)
	key := k.c.Key(&k.buf, []byte(name))
	const hex = "0123456789abcdef"
	out := make([]byte, 0, 2*len(key))
	for _, b := range key {
		out = append(out, hex[b>>4], hex[b&15])
	}
	k.buf.Reset()
	collators.Put(k)
	return string(out)
}

// collators hands out Estonian collators, which are costly to make and not safe for
// concurrent use: lists sorted by name in Go (organisations, say) make keys per request.
// Each comes with its key buffer, 4 KB that would otherwise be allocated per key.
var collators = sync.Pool{New: func() any { return &keyMaker{c: collate.New(language.Estonian)} }}

type keyMaker struct {
	c   *collate.Collator
	buf collate.Buffer
}
