package web

import (
	"errors"
	"net/http"

	"kovit/internal/tabular"
)

// maxImport bounds an uploaded spreadsheet; real ones are far smaller.
const maxImport = 10 << 20

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
}

func (e *uploadError) Error() string { return e.key }

// readUpload reads the spreadsheet (CSV or XLSX) uploaded in the form field "file": its
// header and rows. A file that is missing, too large or not a readable table comes back
// as an *uploadError, for the page to show.
func readUpload(w http.ResponseWriter, r *http.Request) (head []string, rows [][]string, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxImport)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, nil, &uploadError{http.StatusRequestEntityTooLarge, "transfer.import.too_large", 0}
		}
		return nil, nil, &uploadError{http.StatusBadRequest, "transfer.import.no_file", 0}
	}
	defer r.MultipartForm.RemoveAll()
	file, header, err := r.FormFile("file")
	if err != nil {
		return nil, nil, &uploadError{http.StatusUnprocessableEntity, "transfer.import.no_file", 0}
	}
	defer file.Close()
	head, rows, err = tabular.Read(file, header.Filename)
	var re *tabular.ReadError
	if errors.As(err, &re) {
		return nil, nil, &uploadError{http.StatusUnprocessableEntity, re.Key, re.Row}
	}
	tabular.Restore(rows)
	return head, rows, err
}

// uploadProblem returns err's problem for the import page, or ok false for any other error.
func (ui *UI) uploadProblem(r *http.Request, err error) (status int, p importProblem, ok bool) {
	var ue *uploadError
	if !errors.As(err, &ue) {
		return 0, importProblem{}, false
	}
	return ue.status, importProblem{Row: ue.row, Message: ui.text(r, ue.key)}, true
}
