package tabular

import (
	"net/http"
	"strings"
)

// WriteHTTP sends t as an attachment name.csv or name.xlsx, chosen by the request path's
// extension: the one export writer of the pages and the API.
func WriteHTTP(w http.ResponseWriter, r *http.Request, name string, t Table) error {
	if strings.HasSuffix(r.URL.Path, ".xlsx") {
		return WriteWorkbookHTTP(w, name, t)
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	return WriteCSV(w, t)
}

// WriteWorkbookHTTP sends tables as the sheets of an attachment name.xlsx.
func WriteWorkbookHTTP(w http.ResponseWriter, name string, tables ...Table) error {
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.xlsx"`)
	return WriteWorkbook(w, tables...)
}
