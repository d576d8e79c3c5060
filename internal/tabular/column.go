package tabular

import (
	"slices"
	"strings"
)

// Column is one column of a module's spreadsheet form: its Estonian and English headers.
// An export writes the header of the user's language; an import finds the column by
// either, in any case, so a file exported in one language imports in the other.
type Column struct {
	Et, En string
	// Also are further headers an import knows the column by, in either language,
	// separated by '|' (a string, so that a Column stays usable as a map key): the words
	// municipalities' own sheets use.
	Also string
}

// Named are columns whose header is the same in both languages, such as field codes.
func Named(names ...string) []Column {
	out := make([]Column, len(names))
	for i, n := range names {
		out[i] = Column{Et: n, En: n}
	}
	return out
}

// Header is c's header in lang ("en" or else Estonian).
func (c Column) Header(lang string) string {
	if lang == "en" && c.En != "" {
		return c.En
	}
	return c.Et
}

// Headers is the header row of cols in lang.
func Headers(cols []Column, lang string) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Header(lang)
	}
	return out
}

// matchHeader finds each of cols in an imported file's header, by either language's
// header or an alias (Also); columns it does not know are ignored. A column found twice, or one of required
// missing, is reported on row 1 of errs under the column's Estonian header.
func matchHeader(header []string, cols, required []Column, errs *ImportError) map[Column]int {
	at := map[Column]int{}
	for i, h := range header {
		name := strings.ToLower(strings.Trim(h, " \t\r\n\ufeff"))
		for _, c := range cols {
			if name == "" || !slices.Contains(c.names(), name) {
				continue
			}
			if _, dup := at[c]; dup {
				errs.Add(1, c.Et, "transfer.error.duplicate_column")
			}
			at[c] = i
		}
	}
	for _, c := range required {
		if _, ok := at[c]; !ok {
			errs.Add(1, c.Et, "transfer.error.missing_column")
		}
	}
	return at
}

// cellReader reads one record by column: a cell trimmed of spaces, "" where the record is short
// or the file has no such column.
func cellReader(at map[Column]int, rec []string) func(Column) string {
	return func(c Column) string {
		if j, ok := at[c]; ok && j < len(rec) {
			return strings.TrimSpace(rec[j])
		}
		return ""
	}
}

// Blank reports a record with nothing but spaces, which importers skip.
func Blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
