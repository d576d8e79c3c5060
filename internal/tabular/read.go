package tabular

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// The bounds of one import. Every spreadsheet kovit reads goes through Read, so these are
// the limits of every importer: far above a real file (the whole e-service matrix is about
// 6,100 rows of 12 columns) and low enough that one upload cannot take the server's
// memory or time.
const (
	MaxFileBytes     = 10 << 20 // an uploaded file
	MaxRows          = 20_000   // rows below the header, up to the last one that is not blank
	MaxColumns       = 200      // a survey export has the most columns, a few dozen
	MaxCellChars     = 32_767   // what Excel itself fits in a cell
	MaxUnzippedBytes = 32 << 20 // an XLSX file's parts unpacked
)

const keyFileSize = "tabular.error.file_size"

// overLimit is a file past one of the Max bounds, at row (0: the file as a whole).
func overLimit(row int, key string, limit int) *RowError {
	return &RowError{Row: row, Key: key, Args: map[string]int{"Limit": limit}}
}

func tooManyRows() *RowError    { return overLimit(0, "tabular.error.rows", MaxRows) }
func tooManyColumns() *RowError { return overLimit(0, "tabular.error.columns", MaxColumns) }

// Read reads a table from a CSV or XLSX file: the first row is the header, every other
// row one record, numbered as a spreadsheet numbers them (rows[i] is row i+2). A blank
// row among the records is nil, blank rows after the last record are dropped. XLSX is
// recognised by its content, so a renamed file still reads; its first sheet is read and
// date cells come back as YYYY-MM-DD. CSV may be separated by semicolons (as Estonian
// spreadsheets save it), commas or tabs, found from the header line; a UTF-8 byte-order
// mark is dropped, and text that is not UTF-8 is read as Windows-1257, the Baltic code
// page older spreadsheet programs save in. A file past one of the Max bounds is a
// *RowError naming it.
func Read(r io.Reader, filename string) (header []string, rows [][]string, err error) {
	return read(context.Background(), r, filename)
}

// read is Read that stops when ctx ends: an upload stops with its request.
func read(ctx context.Context, r io.Reader, filename string) (header []string, rows [][]string, err error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, nil, err
	}
	if len(data) > MaxFileBytes {
		return nil, nil, overLimit(0, keyFileSize, MaxFileBytes>>20)
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readXLSX(ctx, data)
	case bytes.HasPrefix(data, []byte{0xd0, 0xcf, 0x11, 0xe0}):
		// The binary .xls of Excel 97–2003: ask for XLSX or CSV instead.
		return nil, nil, &RowError{Key: "tabular.error.xls"}
	case strings.HasSuffix(strings.ToLower(filename), ".xlsx"):
		return nil, nil, &RowError{Key: "tabular.error.xlsx"}
	}
	return readCSV(ctx, data)
}

// Check holds a table that came back from the browser between the steps of an import to
// the bounds Read keeps.
func Check(header []string, rows [][]string) error {
	if len(rows) > MaxRows {
		return tooManyRows()
	}
	for i, row := range append([][]string{header}, rows...) {
		if err := checkRecord(row, i+1); err != nil {
			return err
		}
	}
	return nil
}

func checkRecord(rec []string, row int) error {
	if len(rec) > MaxColumns {
		return tooManyColumns()
	}
	for _, c := range rec {
		if len(c) > MaxCellChars && utf8.RuneCountInString(c) > MaxCellChars {
			return overLimit(row, "tabular.error.cell", MaxCellChars)
		}
	}
	return nil
}

// table collects records as they are read, keeping the spreadsheet's row numbers without
// storing blank rows that no record follows.
type table struct {
	ctx     context.Context
	header  []string
	rows    [][]string
	pending int // blank rows since the last record
}

// add takes the record of spreadsheet row n (1 is the header).
func (t *table) add(rec []string, n int) error {
	if n%1024 == 0 {
		if err := t.ctx.Err(); err != nil {
			return err
		}
	}
	if err := checkRecord(rec, n); err != nil {
		return err
	}
	if Blank(rec) {
		if t.header != nil {
			t.pending++
		}
		return nil
	}
	if t.header == nil {
		t.header = rec
		return nil
	}
	if len(t.rows)+t.pending >= MaxRows {
		return tooManyRows()
	}
	for ; t.pending > 0; t.pending-- {
		t.rows = append(t.rows, nil)
	}
	t.rows = append(t.rows, rec)
	return nil
}

func (t *table) result() ([]string, [][]string, error) {
	if t.header == nil {
		return nil, nil, &RowError{Key: "tabular.error.empty"}
	}
	return t.header, t.rows, nil
}

func readCSV(ctx context.Context, data []byte) ([]string, [][]string, error) {
	data = bytes.TrimPrefix(data, []byte(bom))
	if !utf8.Valid(data) {
		decoded, err := charmap.Windows1257.NewDecoder().Bytes(data)
		if err != nil {
			return nil, nil, &RowError{Key: "tabular.error.encoding"}
		}
		data = decoded
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, &RowError{Key: "tabular.error.empty"}
	}
	comma := separator(data)
	// csv.Reader makes a string of every field before we see the record: count them first.
	if fieldsOver(data, comma, MaxColumns) {
		return nil, nil, tooManyColumns()
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = comma
	cr.FieldsPerRecord = -1 // rows may be short; the caller treats missing cells as empty
	t := table{ctx: ctx}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return t.result()
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, nil, &RowError{Row: pe.StartLine, Key: "tabular.error.csv"}
			}
			return nil, nil, &RowError{Key: "tabular.error.csv"}
		}
		line, _ := cr.FieldPos(0)
		if err := t.add(rec, line); err != nil {
			return nil, nil, err
		}
	}
}

// fieldsOver reports whether a record of data has more than limit fields, counting
// separators outside quotes up to each line end outside quotes, as csv.Reader splits them.
func fieldsOver(data []byte, comma rune, limit int) bool {
	quoted, fields := false, 1
	for _, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case quoted:
		case rune(b) == comma:
			if fields++; fields > limit {
				return true
			}
		case b == '\n':
			fields = 1
		}
	}
	return false
}

// separator guesses the field separator from the header line: whichever of ; , and tab
// occurs most often outside quotes. The header is used because data rows may hold
// decimal commas; a tie (one column) goes to the semicolon.
func separator(data []byte) rune {
	line := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		line = data[:i]
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(line) {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ';' || r == ',' || r == '\t'):
			counts[r]++
		}
	}
	best := ';'
	for _, r := range []rune{',', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}
