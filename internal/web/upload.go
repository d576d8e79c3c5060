package web

import (
	"errors"
	"net/http"

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

// uploadError is a problem with the uploaded file that the user can fix: the import page
// shows it with its status.
type uploadError struct {
	status int
	key    string // message key
	row    int
	limit  int // the bound the file went past, for the message
}

func (e *uploadError) Error() string { return e.key }

// readUpload reads the spreadsheet (CSV or XLSX) uploaded in the form field "file": its
// header and rows. A file that is missing, too large or not a readable table comes back
// as an *uploadError, for the page to show.
func readUpload(w http.ResponseWriter, r *http.Request) (head []string, rows [][]string, err error) {
	head, rows, err = tabular.Upload(w, r, "file")
	return head, rows, uploadErrorOf(err)
}

// uploadErrorOf turns what tabular reports into an *uploadError; other errors stay.
func uploadErrorOf(err error) error {
	var re *tabular.ReadError
	switch {
	case errors.Is(err, tabular.ErrNoFile):
		return &uploadError{status: http.StatusUnprocessableEntity, key: "transfer.import.no_file"}
	case errors.As(err, &re):
		return &uploadError{kovit.StatusCode(re), re.Key, re.Row, re.Limit}
	}
	return err
}

// uploadProblem returns err's problem for the import page, or ok false for any other error.
func (ui *UI) uploadProblem(r *http.Request, err error) (status int, p importProblem, ok bool) {
	var ue *uploadError
	if !errors.As(err, &ue) {
		return 0, importProblem{}, false
	}
	l := ui.Catalog.Printer(lang(r))
	return ue.status, importProblem{Row: ue.row, Message: l.T(ue.key, "Limit", l.Int(ue.limit))}, true
}
