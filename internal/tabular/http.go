package tabular

import (
	"net/http"
	"strings"

	"kovit/internal/httpstream"
)

// WriteHTTP sends t as an attachment name.csv or name.xlsx, chosen by the request path's
// extension: the one export writer of the pages and the API.
func WriteHTTP(w http.ResponseWriter, r *http.Request, name string, t Table) error {
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		setWorkbookHeaders(w, name)
		return WriteWorkbook(httpstream.Writer(w, r), t)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	// A table streamed by Each (a whole country's matrix, 822 MB) may take longer than the
	// server's write timeout: it keeps going while the client takes what it writes.
	return WriteCSV(httpstream.Writer(w, r), t)
}

// WriteWorkbookHTTP sends tables as the sheets of an attachment name.xlsx.
func WriteWorkbookHTTP(w http.ResponseWriter, name string, tables ...Table) error {
	setWorkbookHeaders(w, name)
	return WriteWorkbook(w, tables...)
}

func setWorkbookHeaders(w http.ResponseWriter, name string) {
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
}
