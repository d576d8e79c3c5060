package tabular

import (
	"iter"
	"slices"
	"strings"
)

// Layout is how an importer's sheet is laid out: the columns it reads, those a file
// cannot do without, and how many rows one import takes. Every importer opens its file
// through one, so a missing or doubled column and a file too long are named the same
// way everywhere.
type Layout struct {
	Columns  []Column
	Required []Column
	// AnyOf are columns of which a file needs at least one (a sheet of people by name or
	// by count); without any, the first is the missing one.
	AnyOf []Column
	// MaxRows bounds the rows of one import (0: only Read's own bound); a longer file is
	// refused as a whole with TooMany, a key whose message names {{.Limit}}.
	MaxRows int
	TooMany string
}

// Sheet is an imported file whose columns a Layout has found.
type Sheet struct {
	at   map[Column]int
	rows [][]string
}

// Open finds l's columns in header. A column found twice, a required one missing or none
// of AnyOf is a problem on row 1 under the column's Estonian header, and more rows than MaxRows one
// of the file (row 0); either refuses the file with an *ImportError before any row is
// read.
func (l Layout) Open(header []string, rows [][]string) (Sheet, error) {
	var errs ImportError
	at := matchHeader(header, l.Columns, l.Required, &errs)
	if len(l.AnyOf) > 0 && !slices.ContainsFunc(l.AnyOf, func(c Column) bool { _, ok := at[c]; return ok }) {
		errs.Add(1, l.AnyOf[0].Et, "transfer.error.missing_column")
	}
	if err := errs.Err(); err != nil {
		return Sheet{}, err
	}
	if l.MaxRows > 0 && len(rows) > l.MaxRows {
		errs.Rows = append(errs.Rows, RowError{Key: l.TooMany, Args: map[string]int{"Limit": l.MaxRows}})
		return Sheet{}, &errs
	}
	return Sheet{at: at, rows: rows}, nil
}

// Rows yields each row that is not blank with its number as a spreadsheet shows it (the
// header is row 1) and its cells by column (Cells).
func (s Sheet) Rows() iter.Seq2[int, func(Column) string] {
	return func(yield func(int, func(Column) string) bool) {
		for i, rec := range s.rows {
			if Blank(rec) {
				continue
			}
			if !yield(i+2, cellReader(s.at, rec)) {
				return
			}
		}
	}
}

// names are the headers c is found by, lower-cased: its Estonian and English ones and
// its aliases.
func (c Column) names() []string {
	out := []string{strings.ToLower(c.Et), strings.ToLower(c.En)}
	if c.Also != "" {
		for _, a := range strings.Split(c.Also, "|") {
			out = append(out, strings.ToLower(strings.TrimSpace(a)))
		}
	}
	return out
}

// Collect ends an import: the rows read when nothing was wrong, or every problem of errs;
// a file with no row to read is the problem empty (a key) on the file as a whole.
func Collect[T any](out []T, errs *ImportError, empty string) ([]T, error) {
	if len(out) == 0 && len(errs.Rows) == 0 {
		errs.Add(0, "", empty)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return out, nil
}
