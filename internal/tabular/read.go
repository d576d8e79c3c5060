package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"kovit/internal/kovit"
)

// ReadError is a file that cannot be read as a table. Row is the row where reading
// stopped (the header is row 1), or 0 when the file as a whole is the problem; Key is
// a translation key.
type ReadError struct {
	Row int
	Key string
}

func (e *ReadError) Error() string { return "tabular: row " + strconv.Itoa(e.Row) + ": " + e.Key }

// Unwrap makes a ReadError an invalid request for the surfaces' error mapping.
func (e *ReadError) Unwrap() error { return kovit.Errorf(kovit.EInvalid, e.Key) }

// Read reads a table from a CSV or XLSX file: the first row is the header, every other
// row one record, numbered as a spreadsheet numbers them (rows[i] is row i+2). XLSX is
// recognised by its content, so a renamed file still reads; its first sheet is read and
// date cells come back as YYYY-MM-DD. CSV may be separated by semicolons (as Estonian
// spreadsheets save it), commas or tabs, found from the header line; a UTF-8 byte-order
// mark is dropped, and text that is not UTF-8 is read as Windows-1257, the Baltic code
// page older spreadsheet programs save in.
func Read(r io.Reader, filename string) (header []string, rows [][]string, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return readXLSX(data)
	case bytes.HasPrefix(data, []byte{0xd0, 0xcf, 0x11, 0xe0}):
		// The binary .xls of Excel 97–2003: ask for XLSX or CSV instead.
		return nil, nil, &ReadError{Key: "tabular.error.xls"}
	case strings.HasSuffix(strings.ToLower(filename), ".xlsx"):
		return nil, nil, &ReadError{Key: "tabular.error.xlsx"}
	}
	return readCSV(data)
}

func readCSV(data []byte) ([]string, [][]string, error) {
	data = bytes.TrimPrefix(data, []byte(bom))
	if !utf8.Valid(data) {
		decoded, err := charmap.Windows1257.NewDecoder().Bytes(data)
		if err != nil {
			return nil, nil, &ReadError{Key: "tabular.error.encoding"}
		}
		data = decoded
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, &ReadError{Key: "tabular.error.empty"}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = separator(data)
	cr.FieldsPerRecord = -1 // rows may be short; the caller treats missing cells as empty
	records, err := cr.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, nil, &ReadError{Row: pe.StartLine, Key: "tabular.error.csv"}
		}
		return nil, nil, &ReadError{Key: "tabular.error.csv"}
	}
	return records[0], records[1:], nil
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

// readXLSX reads the first sheet. Cells come formatted as the spreadsheet shows them,
// except dates: their display depends on the format and the reader's locale, so a date
// cell is given as YYYY-MM-DD from its serial number instead.
func readXLSX(data []byte) ([]string, [][]string, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, nil, &ReadError{Key: "tabular.error.xlsx"}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, &ReadError{Key: "tabular.error.empty"}
	}
	sheet := sheets[0]
	shown, err := f.GetRows(sheet)
	if err != nil {
		return nil, nil, &ReadError{Key: "tabular.error.xlsx"}
	}
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, nil, &ReadError{Key: "tabular.error.xlsx"}
	}
	dateStyle := map[int]bool{}
	for r, row := range shown {
		for c, v := range row {
			if r >= len(raw) || c >= len(raw[r]) || raw[r][c] == v {
				continue
			}
			serial, err := strconv.ParseFloat(raw[r][c], 64)
			if err != nil {
				continue
			}
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			style, err := f.GetCellStyle(sheet, name)
			if err != nil {
				continue
			}
			isDate, ok := dateStyle[style]
			if !ok {
				isDate = dateFormat(f, style)
				dateStyle[style] = isDate
			}
			if !isDate {
				continue
			}
			if t, err := excelize.ExcelDateToTime(serial, false); err == nil {
				row[c] = t.Format(time.DateOnly)
			}
		}
	}
	if len(shown) == 0 {
		return nil, nil, &ReadError{Key: "tabular.error.empty"}
	}
	return shown[0], shown[1:], nil
}

// dateFormat reports whether a cell style shows a number as a date: one of the built-in
// date formats, or a custom format with day, month or year codes outside quoted text.
func dateFormat(f *excelize.File, style int) bool {
	s, err := f.GetStyle(style)
	if err != nil || s == nil {
		return false
	}
	if s.CustomNumFmt != nil && *s.CustomNumFmt != "" {
		return customDateFormat(*s.CustomNumFmt)
	}
	n := s.NumFmt
	return n >= 14 && n <= 17 || n == 22 || n >= 27 && n <= 36 || n >= 50 && n <= 58
}

func customDateFormat(code string) bool {
	quoted, bracket := false, false
	seen := map[rune]bool{}
	for _, r := range strings.ToLower(code) {
		switch {
		case r == '"':
			quoted = !quoted
		case quoted:
		case r == '[':
			bracket = true
		case r == ']':
			bracket = false
		case !bracket:
			seen[r] = true
		}
	}
	// m alone is minutes in a time format such as h:mm.
	return seen['d'] || seen['y'] || seen['m'] && !seen['h'] && !seen['s']
}
