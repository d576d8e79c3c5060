package tabular

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// readXLSX reads the first sheet. Cells come formatted as the spreadsheet shows them,
// except dates: their display depends on the format and the reader's locale, so a date
// cell is given as YYYY-MM-DD from its serial number instead.
//
// A few bytes of XML can name a cell at row 1,048,576 or column XFD, and excelize's row
// reader makes a string for every column up to a row's last cell, so the sheet is first
// scanned as a stream for the bounds (and the date cells) before excelize reads a row.
func readXLSX(ctx context.Context, data []byte) ([]string, [][]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, &RowError{Key: "tabular.error.xlsx"}
	}
	// archive/zip refuses to inflate a part past the size its header gives.
	var unzipped uint64
	for _, f := range zr.File {
		if unzipped += f.UncompressedSize64; unzipped > MaxUnzippedBytes {
			return nil, nil, overLimit(0, "tabular.error.unzipped", MaxUnzippedBytes>>20)
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: MaxUnzippedBytes, UnzipXMLSizeLimit: MaxUnzippedBytes})
	if err != nil {
		return nil, nil, &RowError{Key: "tabular.error.xlsx"}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, nil, &RowError{Key: "tabular.error.empty"}
	}
	sheetXML, ok := firstSheetXML(f)
	if !ok {
		return nil, nil, &RowError{Key: "tabular.error.xlsx"}
	}
	s, err := scanSheet(f, sheetXML)
	if err != nil {
		return nil, nil, err
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, nil, &RowError{Key: "tabular.error.xlsx"}
	}
	defer rows.Close()
	t := table{ctx: ctx}
	// Row n of the sheet is the n-th Next, with nil columns where the file has no row.
	for n := 1; n <= s.lastRow && rows.Next(); n++ {
		rec, err := rows.Columns()
		if err != nil {
			return nil, nil, &RowError{Row: n, Key: "tabular.error.xlsx"}
		}
		for _, d := range s.dates[n] {
			if d.col <= len(rec) {
				rec[d.col-1] = d.value
			}
		}
		if err := t.add(rec, n); err != nil {
			return nil, nil, err
		}
	}
	if rows.Error() != nil {
		return nil, nil, &RowError{Key: "tabular.error.xlsx"}
	}
	return t.result()
}

// firstSheetXML finds the first sheet's part the way excelize does: the workbook's
// relationship with the sheet's id, relative to the workbook's folder.
func firstSheetXML(f *excelize.File) ([]byte, bool) {
	workbook := "xl/workbook.xml"
	for _, r := range relationships(f, "_rels/.rels") {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			workbook = strings.TrimPrefix(r.Target, "/")
		}
	}
	dir := path.Dir(workbook)
	id := f.WorkBook.Sheets.Sheet[0].ID
	for _, r := range relationships(f, strings.TrimPrefix(dir+"/_rels/"+path.Base(workbook)+".rels", "./")) {
		if r.ID != id {
			continue
		}
		name := strings.TrimPrefix(path.Clean(dir+"/"+r.Target), "/")
		if strings.HasPrefix(r.Target, "/") {
			name = strings.TrimPrefix(path.Clean(r.Target), "/")
		}
		b, ok := f.Pkg.Load(name)
		if !ok {
			return nil, false
		}
		data, ok := b.([]byte)
		return data, ok
	}
	return nil, false
}

type relationship struct {
	ID     string `xml:"Id,attr"`
	Type   string `xml:"Type,attr"`
	Target string `xml:"Target,attr"`
}

func relationships(f *excelize.File, name string) []relationship {
	b, _ := f.Pkg.Load(name)
	data, _ := b.([]byte)
	var rels struct {
		Rels []relationship `xml:"Relationship"`
	}
	_ = xml.Unmarshal(data, &rels) // a part that is missing or broken has none
	return rels.Rels
}

// sheetScan is what reading a sheet needs to know before excelize reads it.
type sheetScan struct {
	lastRow int                // the last row with a cell that holds something
	dates   map[int][]dateCell // by row
}

type dateCell struct {
	col   int
	value string
}

// scanSheet streams through a sheet's XML and refuses a cell with content beyond
// MaxRows or MaxColumns; it finds the number cells with a date style on the way, so
// that excelize need not look up every cell's style.
func scanSheet(f *excelize.File, sheet []byte) (sheetScan, error) {
	s := sheetScan{dates: map[int][]dateCell{}}
	dateStyle := map[int]bool{}
	d := xml.NewDecoder(bytes.NewReader(sheet))
	var row, col, style int
	var typ string
	inValue := false
	for {
		tok, err := d.RawToken()
		if err != nil {
			break // the end, or XML that excelize will report as it reads
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "row":
				row, col = row+1, 0
				if r := attr(e, "r"); r != "" {
					if row, err = strconv.Atoi(r); err != nil || row < 1 {
						return s, &RowError{Key: "tabular.error.xlsx"}
					}
				}
			case "c":
				col, style, typ = col+1, 0, attr(e, "t")
				if ref := attr(e, "r"); ref != "" {
					if col, _, err = excelize.CellNameToCoordinates(ref); err != nil {
						return s, &RowError{Row: row, Key: "tabular.error.xlsx"}
					}
				}
				style, _ = strconv.Atoi(attr(e, "s"))
			case "v", "is", "f":
				if row > MaxRows+1 {
					return s, tooManyRows()
				}
				if col > MaxColumns {
					return s, tooManyColumns()
				}
				s.lastRow = max(s.lastRow, row)
				inValue = e.Name.Local == "v" && (typ == "" || typ == "n") && style > 0
			}
		case xml.EndElement:
			inValue = false
		case xml.CharData:
			if !inValue {
				continue
			}
			isDate, seen := dateStyle[style]
			if !seen {
				isDate = dateFormat(f, style)
				dateStyle[style] = isDate
			}
			serial, err := strconv.ParseFloat(strings.TrimSpace(string(e)), 64)
			if !isDate || err != nil {
				continue
			}
			if t, err := excelize.ExcelDateToTime(serial, false); err == nil {
				s.dates[row] = append(s.dates[row], dateCell{col, t.Format(time.DateOnly)})
			}
		}
	}
	return s, nil
}

func attr(e xml.StartElement, name string) string {
	for _, a := range e.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
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
