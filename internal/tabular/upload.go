package tabular

import (
	"errors"
	"net/http"
)

// ErrNoFile is an upload without the file field.
var ErrNoFile = errors.New("tabular: no file")

// formRoom is what a multipart form may hold besides the file: its boundaries, a column
// mapping, a round.
const formRoom = 1 << 20

// Upload reads the table in the multipart form field of r, for the import pages and the
// API alike. A body past MaxFileBytes is a *RowError with key tabular.error.file_size
// (413), whichever part of the form it is found in; the other fields of the form are in
// r.Form afterwards. Reading stops when the request's context ends.
func Upload(w http.ResponseWriter, r *http.Request, field string) (header []string, rows [][]string, err error) {
	r.Body = http.MaxBytesReader(w, r.Body, MaxFileBytes+formRoom)
	if err := r.ParseMultipartForm(formRoom); err != nil {
		if tooBig := new(http.MaxBytesError); errors.As(err, &tooBig) {
			return nil, nil, overLimit(0, keyFileSize, MaxFileBytes>>20)
		}
		return nil, nil, ErrNoFile
	}
	defer r.MultipartForm.RemoveAll()
	file, fh, err := r.FormFile(field)
	if err != nil {
		return nil, nil, ErrNoFile
	}
	defer file.Close()
	header, rows, err = read(r.Context(), file, fh.Filename)
	Restore(rows) // kovit's own exports come back as they were exported
	return header, rows, err
}
