package web

import (
	"errors"
	"net/http"

	"kovit/internal/i18n"
	"kovit/internal/kovit"
	"kovit/internal/tabular"
)

// importProblem is one problem with an uploaded file, by row (1 = the header, 0 = the
// file as a whole) and column where known.
type importProblem struct {
	Row     int
	Column  string
	Message string
}

// rowProblem is a spreadsheet's problem as every import page shows it.
func rowProblem(l *i18n.Printer, e tabular.RowError) importProblem {
	return importProblem{Row: e.Row, Column: e.Column, Message: e.Message(l)}
}

// readUpload reads the spreadsheet (CSV or XLSX) uploaded in the form field "file": its
// header and rows. A file that is missing, too large or not a readable table is an error
// uploadProblem shows.
func readUpload(w http.ResponseWriter, r *http.Request) (head []string, rows [][]string, err error) {
	return tabular.Upload(w, r, "file")
}

// uploadProblem returns err's problem for the import page with its status: a file that is
// missing, too large or not a readable table; ok is false for any other error.
func (ui *UI) uploadProblem(r *http.Request, err error) (status int, p importProblem, ok bool) {
	l := ui.Catalog.Printer(lang(r))
	var re *tabular.RowError
	switch {
	case errors.Is(err, tabular.ErrNoFile):
		return http.StatusUnprocessableEntity, importProblem{Message: l.T("transfer.import.no_file")}, true
	case errors.As(err, &re):
		return kovit.StatusCode(re), rowProblem(l, *re), true
	}
	return 0, importProblem{}, false
}

// importProblems are an import's problems (a *tabular.ImportError) as its page lists
// them; ok is false for any other error.
func (ui *UI) importProblems(r *http.Request, err error) (problems []importProblem, ok bool) {
	var ie *tabular.ImportError
	if !errors.As(err, &ie) {
		return nil, false
	}
	l := ui.Catalog.Printer(lang(r))
	for _, e := range ie.Rows {
		problems = append(problems, rowProblem(l, e))
	}
	return problems, true
}
