// Package tabulartest makes the hostile spreadsheets that every importer's tests and fuzz
// seeds send: small files that once cost the server gigabytes or minutes.
package tabulartest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// File is an upload and what tabular.Read must answer it with: the RowError key and
// Limit, or "" for a file that reads.
type File struct {
	Name  string
	Data  []byte
	Key   string
	Limit int
}

// Hostile returns the files of issue 10. bigCell is the size of the one cell of the
// "big cell" workbook: 200 << 20 is the file that was reported (a 200 MB cell in under
// 200 KB), fuzz seeds take less (past cell, it is refused for its cell). rows, columns, cell and unzipped are tabular's bounds,
// passed in so that this package need not import the one it tests.
func Hostile(bigCell, rows, columns, cell, unzippedMB int) []File {
	var xfd strings.Builder
	for r := 1; r <= 2000; r++ {
		fmt.Fprintf(&xfd, `<row r="%d"><c r="XFD%d" t="inlineStr"><is><t>x</t></is></c></row>`, r, r)
	}
	blank := "Omavalitsus;Pealkiri;Kategooria\n" + strings.Repeat(";;\n", 40_000)
	long := strings.Repeat("ä", cell+1)
	bigKey, bigLimit := "tabular.error.unzipped", unzippedMB
	if bigCell <= unzippedMB<<20 {
		bigKey, bigLimit = "tabular.error.cell", cell
	}
	return []File{
		{"xfd.xlsx", Workbook(xfd.String(), nil), "tabular.error.columns", columns},
		{"a1048576.xlsx", Workbook(`<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>`+
			`<row r="1048576"><c r="A1048576"><v>1</v></c></row>`, nil), "tabular.error.rows", rows},
		{"bigcell.xlsx", Workbook(`<row r="1"><c r="A1" t="s"><v>0</v></c></row>`, repeated(bigCell)), bigKey, bigLimit},
		{"longcell.xlsx", Workbook(`<row r="1"><c r="A1" t="inlineStr"><is><t>`+long+`</t></is></c></row>`, nil), "tabular.error.cell", cell},
		{"blank.csv", []byte(blank), "", 0},
		{"blank-then-row.csv", []byte(blank + "0793;Vajadus;muu\n"), "tabular.error.rows", rows},
		{"columns.csv", []byte(strings.Repeat(";", 100_000) + "\n"), "tabular.error.columns", columns},
		{"rows.csv", []byte("a;b\n" + strings.Repeat("1;2\n", rows+1)), "tabular.error.rows", rows},
		{"longcell.csv", []byte("a\n" + long + "\n"), "tabular.error.cell", cell},
	}
}

// Workbook is an XLSX file whose first sheet holds rows (the <row> elements of its
// sheetData) and whose shared strings part, when not nil, is read from strings.
func Workbook(rows string, sharedStrings io.Reader) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	part := func(name, body string) {
		w, _ := z.Create(name)
		io.WriteString(w, body)
	}
	part("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`+
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`+
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`+
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`+
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`)
	part("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	part("xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `+
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	part("xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>`+
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`)
	part("xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
		rows+`</sheetData></worksheet>`)
	if sharedStrings != nil {
		w, _ := z.Create("xl/sharedStrings.xml")
		io.Copy(w, sharedStrings)
	}
	z.Close()
	return b.Bytes()
}

// repeated is a shared strings part of one string of n letters, written as it is
// compressed so that a test never holds it whole.
func repeated(n int) io.Reader {
	head := `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`
	return io.MultiReader(strings.NewReader(head), io.LimitReader(letters{}, int64(n)), strings.NewReader(`</t></si></sst>`))
}

type letters struct{}

func (letters) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'A'
	}
	return len(p), nil
}

// Seeds are the hostile files made small enough for a fuzz corpus, by tabular's bounds
// as Hostile takes them.
func Seeds(rows, columns, cell, unzippedMB int) [][]byte {
	var out [][]byte
	for _, f := range Hostile(cell+1, rows, columns, cell, unzippedMB) {
		out = append(out, f.Data)
	}
	return out
}
