package tabular

import (
	"bytes"
	"context"
	"errors"
	"mime/multipart"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"kovit/internal/tabular/tabulartest"
)

// TestReadHostile reads the files of issue 10 that once took gigabytes or minutes: each
// is refused with the limit it goes past (or read, for blank rows at the end), in little
// memory and time.
func TestReadHostile(t *testing.T) {
	for _, f := range tabulartest.Hostile(200<<20, MaxRows, MaxColumns, MaxCellChars, MaxUnzippedBytes>>20) {
		t.Run(f.Name, func(t *testing.T) {
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, _, err := Read(bytes.NewReader(f.Data), f.Name)
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			var re *RowError
			switch {
			case f.Key == "" && err != nil:
				t.Errorf("error %v, want none", err)
			case f.Key != "" && (!errors.As(err, &re) || re.Key != f.Key || re.Args["Limit"] != f.Limit):
				t.Errorf("error %v, want %s with limit %d", err, f.Key, f.Limit)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
				t.Errorf("allocated %d MB reading a %d KB file", alloc>>20, len(f.Data)>>10)
			}
			if took > 3*time.Second {
				t.Errorf("took %v", took)
			}
		})
	}
}

// TestReadSkipsBlankRows keeps the spreadsheet's row numbers: a blank row among the
// records is nil, blank rows after the last are dropped.
func TestReadSkipsBlankRows(t *testing.T) {
	for name, in := range map[string][]byte{
		"csv": []byte("a;b\n1;2\n;\n3;4\n;\n ; \n"),
		"xlsx": tabulartest.Workbook(`<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>`+
			`<row r="4"><c r="B4"><v>4</v></c></row><row r="9" s="1" customFormat="1"/><row r="1048576"><c r="A1048576" s="1"/></row>`, nil),
	} {
		_, rows, err := Read(bytes.NewReader(in), "x."+name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(rows) != 3 || rows[1] != nil || len(rows[2]) == 0 {
			t.Errorf("%s: rows %q, want a record, nil and a record", name, rows)
		}
	}
}

func TestCheck(t *testing.T) {
	wide := make([]string, MaxColumns+1)
	if err := Check([]string{"a"}, make([][]string, MaxRows+1)); !isKey(err, "tabular.error.rows") {
		t.Errorf("too many rows: %v", err)
	}
	if err := Check(wide, nil); !isKey(err, "tabular.error.columns") {
		t.Errorf("too many columns: %v", err)
	}
	if err := Check([]string{"a"}, [][]string{{"ok"}}); err != nil {
		t.Errorf("a small table: %v", err)
	}
}

func isKey(err error, key string) bool {
	var re *RowError
	return errors.As(err, &re) && re.Key == key
}

// TestUploadStopsWithItsRequest: a request that has ended (client gone, deadline,
// shutdown) stops reading its upload rather than working through the rows.
func TestUploadStopsWithItsRequest(t *testing.T) {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "suur.csv")
	fw.Write([]byte("a;b\n" + strings.Repeat("1;2\n", MaxRows)))
	mw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequestWithContext(ctx, "POST", "/needs/import", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if _, _, err := Upload(httptest.NewRecorder(), r, "file"); !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want %v", err, context.Canceled)
	}
}
