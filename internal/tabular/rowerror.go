package tabular

import (
	"fmt"
	"strconv"

	"kovit/internal/i18n"
	"kovit/internal/kovit"
)

// RowError is one problem of a spreadsheet, the one shape every importer and Read report:
// Row as a spreadsheet numbers it (the header is row 1; 0 is the file as a whole), Column
// the column's header ("" for the whole row or file), Key a translation key and Args the
// numbers its message names (a file past a bound: {{.Limit}}).
type RowError struct {
	Row    int            `json:"row"`
	Column string         `json:"column"`
	Key    string         `json:"key"`
	Args   map[string]int `json:"args,omitempty"`
}

func (e *RowError) Error() string {
	return "tabular: row " + strconv.Itoa(e.Row) + " " + e.Column + ": " + e.Key
}

// Unwrap makes a problem of the file an invalid request for the surfaces' error mapping,
// or a request too large for a file past MaxFileBytes.
func (e *RowError) Unwrap() error {
	if e.Key == keyFileSize {
		return kovit.Errorf(kovit.ETooLarge, e.Key)
	}
	return kovit.Errorf(kovit.EInvalid, e.Key)
}

// Message is the problem in p's language, its numbers written as p writes them: both
// surfaces show a problem through it.
func (e RowError) Message(p *i18n.Printer) string {
	args := make([]any, 0, 2*len(e.Args))
	for k, v := range e.Args {
		args = append(args, k, p.Int(v))
	}
	return p.T(e.Key, args...)
}

// ImportError lists every problem of an imported file; none of it was saved.
type ImportError struct {
	Rows []RowError
	// Forbidden: some row is of a municipality the importing user may not change.
	Forbidden bool
}

func (e *ImportError) Error() string {
	if len(e.Rows) == 0 {
		return "import refused"
	}
	return fmt.Sprintf("import: %d problems, first %+v", len(e.Rows), e.Rows[0])
}

// Unwrap gives the surfaces the error's status: forbidden when a row is outside the
// user's rights, invalid otherwise.
func (e *ImportError) Unwrap() error {
	if e.Forbidden {
		return kovit.Forbidden()
	}
	return kovit.Errorf(kovit.EInvalid, "transfer.error.rows")
}

// Add records a problem of one cell.
func (e *ImportError) Add(row int, column, key string) {
	e.Rows = append(e.Rows, RowError{Row: row, Column: column, Key: key})
}

// Err is e when it holds a problem, nil otherwise.
func (e *ImportError) Err() error {
	if len(e.Rows) == 0 && !e.Forbidden {
		return nil
	}
	return e
}
