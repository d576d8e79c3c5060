// Package tabular is kovit's one spreadsheet toolkit. It writes tables the way Estonian
// spreadsheet users open them: CSV with a semicolon separator, decimal comma and a UTF-8
// byte-order mark (so Excel reads õäöü), and XLSX with typed cells, sent by WriteHTTP
// from the pages and the API alike. It reads uploads within bounds (Read, Upload), opens
// an importer's sheet by its columns' Estonian or English headers or aliases (Layout,
// the one way every importer finds its columns, bounds its rows and numbers them), parses
// dates and decimal commas (ParseDate, ParseDecimal) and reports every problem as a
// RowError. A module keeps only its columns and rules.
package tabular

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// Table is a header and rows of cells; a cell is a string, int, float64, *float64,
// time.Time or bool.
type Table struct {
	Sheet  string
	Header []string
	Rows   [][]any
	// Each, when set, gives the rows after Rows, calling yield with each in turn and
	// stopping at its first error (see each).
	Each func(yield func(row []any) error) error
}

const bom = "\ufeff"

// WriteCSV writes t as semicolon-separated UTF-8 with a byte-order mark. Text that a
// spreadsheet would take for a formula gets a leading apostrophe; numbers stay numbers.
func WriteCSV(w io.Writer, t Table) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	rec := make([]string, len(t.Header))
	err := t.each(func(row []any) error {
		for i, c := range row {
			rec[i] = csvCell(c)
		}
		return cw.Write(rec[:len(row)])
	})
	if err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

func csvCell(c any) string {
	switch v := c.(type) {
	case nil:
		return ""
	case string:
		return neutralise(v)
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1)
	case *float64:
		if v == nil {
			return ""
		}
		return csvCell(*v)
	case bool:
		if v {
			return "jah"
		}
		return "ei"
	case time.Time:
		if v.IsZero() {
			return ""
		}
		return v.Format("02.01.2006")
	default:
		return neutralise(fmt.Sprint(v))
	}
}

// WriteXLSX writes t as a one-sheet workbook with a bold, frozen header row.
func WriteXLSX(w io.Writer, t Table) error { return WriteWorkbook(w, t) }

// WriteWorkbook writes each table as a sheet of one workbook, in order, each with a bold,
// frozen header row: a document such as a measure proposal keeps its parts together.
func WriteWorkbook(w io.Writer, tables ...Table) error {
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		return err
	}
	for i, t := range tables {
		sheet := t.Sheet
		if sheet == "" {
			sheet = "Sheet" + strconv.Itoa(i+1)
		}
		if i == 0 {
			err = f.SetSheetName("Sheet1", sheet)
		} else {
			_, err = f.NewSheet(sheet)
		}
		if err != nil {
			return err
		}
		if err := writeSheet(f, sheet, t, bold, dateStyle); err != nil {
			return err
		}
	}
	return f.Write(w)
}

func writeSheet(f *excelize.File, sheet string, t Table, bold, dateStyle int) error {
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	head := make([]any, len(t.Header))
	for i, h := range t.Header {
		head[i] = excelize.Cell{Value: h, StyleID: bold}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	r := 0
	err = t.each(func(row []any) error {
		cells := make([]any, len(row))
		for i, c := range row {
			cells[i] = xlsxCell(c, dateStyle)
		}
		r++
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		return sw.SetRow(cell, cells)
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

func xlsxCell(c any, dateStyle int) any {
	switch v := c.(type) {
	case *float64:
		if v == nil {
			return nil
		}
		return *v
	case time.Time:
		if v.IsZero() {
			return nil
		}
		return excelize.Cell{Value: v, StyleID: dateStyle}
	case bool:
		return csvCell(v)
	default:
		return v
	}
}
