package main

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The matrix's export and import over HTTP, on every engine.

// upload posts a file to the import form and returns the status and page.
func upload(t *testing.T, c *http.Client, a *testApp, filename string, data []byte) (int, string) {
	t.Helper()
	ct, body := uploadForm(t, filename, data, nil)
	return send(t, c, "POST", a.URL+"/eservices/import", ct, body)
}

// uploadForm is a multipart form with the file and fields, as a browser sends it.
func uploadForm(t *testing.T, filename string, file []byte, fields map[string]string) (string, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(file)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	return mw.FormDataContentType(), body.String()
}

func download(t *testing.T, a *testApp, path string) []byte {
	t.Helper()
	_, b := downloadAs(t, http.DefaultClient, a.URL+path, "", "")
	return b
}

// matrixState is what an import must not change when it should change nothing: every
// cell with its version, and the size of the audit trail.
func matrixState(t *testing.T, a *testApp) ([]eservice.Cell, int) {
	t.Helper()
	ctx := context.Background()
	cells, err := a.store.Cells(ctx, eservice.CellFilter{})
	if err != nil {
		t.Fatal(err)
	}
	_, n, err := a.store.ListEvents(ctx, audit.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return cells, n
}

// fillCells gives Tartu linn (0793) a verified cell at level 3 and Tallinn (0784) one not
// applicable, with a comma and a quote in the system's name to test the CSV quoting.
func fillCells(t *testing.T, a *testApp) {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	scale, err := a.store.Scale(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var met []int64
	for _, l := range scale[:4] {
		for _, c := range l.Criteria {
			met = append(met, c.ID)
		}
	}
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	c, err := a.store.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered, Met: met,
		URL: "https://tartu.ee/toetus", System: `Spokus, "uus"; v2`, EvidenceURL: "https://tartu.ee/e", EvidenceCheckedOn: &day})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.ReviewCell(ctx, "0793", "SOC-001", eservice.Review{Verification: eservice.Verified, Version: c.Version}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.SaveCell(ctx, "0784", "SOC-002", eservice.CellInput{Offering: eservice.NotApplicable}); err != nil {
		t.Fatal(err)
	}
}

// onEngines runs fn once per engine, for tests that start kovit their own way.
func onEngines(t *testing.T, fn func(t *testing.T, engine string)) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { fn(t, engine) })
	}
}

// eachEngine runs fn on a fresh kovit per engine.
func eachEngine(t *testing.T, fn func(t *testing.T, a *testApp)) {
	for _, engine := range sqlstoretest.Engines() {
		t.Run(engine, func(t *testing.T) { fn(t, startApp(t, engine)) })
	}
}

// TestMatrixExportImportRoundTrip: the whole matrix exported and imported back, as CSV
// and as XLSX, changes nothing: no cell gets a new version and no audit event is added.
// A change made in the workbook is then imported as exactly that change.
func TestMatrixExportImportRoundTrip(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		fillCells(t, a)
		coordinator := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		before, events := matrixState(t, a)

		csv := download(t, a, "/eservices/matrix.csv")
		if !bytes.HasPrefix(csv, []byte("\ufeffehak;municipality;service_code;service;offering;level;criteria_met;url;system;evidence_url;evidence_checked_on;verification;version\n")) ||
			!bytes.Contains(csv, []byte(`0793;Tartu linn;SOC-001;Sünnitoetus (KOV);offered;3;1.1 2.1 3.1 3.2;https://tartu.ee/toetus;"Spokus, ""uus""; v2";https://tartu.ee/e;20.11.2026;verified`)) {
			t.Fatalf("export:\n%.600s", csv)
		}
		// A cell never filled in is unknown: no offering, level or verification.
		if !bytes.Contains(csv, []byte("\n0784;Tallinn;SOC-001;Sünnitoetus (KOV);;;;;;;;;0\n")) {
			t.Errorf("a cell never filled in is not exported as unknown:\n%.2000s", csv)
		}
		if n := bytes.Count(csv, []byte("\n")); n != 1+79*77 {
			t.Errorf("export has %d lines, want a header and 79 × 77 rows", n)
		}
		xlsx := download(t, a, "/eservices/matrix.xlsx")
		for _, file := range []struct {
			name string
			data []byte
		}{{"maatriks.csv", csv}, {"maatriks.xlsx", xlsx}} {
			status, page := upload(t, coordinator, a, file.name, file.data)
			if status != http.StatusOK || !strings.Contains(page, "0 cells changed") && !strings.Contains(page, "0 lahtrit muudeti") {
				t.Fatalf("%s: %d\n%s", file.name, status, page)
			}
			after, n := matrixState(t, a)
			if diff := cmp.Diff(before, after); diff != "" || n != events {
				t.Errorf("%s: import changed the matrix (-before +after)\n%s\naudit %d → %d", file.name, diff, events, n)
			}
		}

		// One municipality's row only, and a change made in the workbook.
		f, err := excelize.OpenReader(bytes.NewReader(download(t, a, "/eservices/matrix.xlsx?municipality=0793")))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("e-teenused")
		if len(rows) != 1+77 || rows[1][0] != "0793" {
			t.Fatalf("one municipality's rows: %d", len(rows))
		}
		for i, r := range rows {
			if r[2] == "SOC-001" {
				raw, _ := f.GetCellValue("e-teenused", cellName(11, i+1), excelize.Options{RawCellValue: true})
				if _, err := strconv.ParseFloat(raw, 64); err != nil {
					t.Errorf("the evidence date is %q, not a date", raw)
				}
			}
			if r[2] == "SOC-002" {
				f.SetCellValue("e-teenused", cellName(5, i+1), "offered")
				f.SetCellValue("e-teenused", cellName(7, i+1), "1.1")
			}
		}
		var changed bytes.Buffer
		f.Write(&changed)
		if status, page := upload(t, coordinator, a, "tartu.xlsx", changed.Bytes()); status != http.StatusOK || !strings.Contains(page, "1 lahtrit muudeti, 76 jäi samaks") {
			t.Fatalf("changed workbook: %d\n%s", status, page)
		}
		c, _ := a.store.Cell(context.Background(), "0793", "SOC-002")
		if _, n := matrixState(t, a); c.Level != 1 || c.Version != 1 || n != events+1 {
			t.Errorf("imported change %+v, audit %d → %d", c, events, n)
		}
		if status, _ := get(t, a.client(t), a.URL+"/eservices/matrix.csv?municipality=0001"); status != http.StatusNotFound {
			t.Errorf("unknown municipality's export: %d", status)
		}
	})
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// TestImportReportsEveryBadRow: three bad rows among good ones are each reported by row
// and column, and nothing of the file is saved, not even its good rows.
func TestImportReportsEveryBadRow(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		coordinator := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		before, events := matrixState(t, a)
		file := "ehak;service_code;offering;criteria_met;url;system;evidence_url;evidence_checked_on\n" +
			"0793;SOC-001;offered;1.1;;;;\n" + // good
			"0793;NOPE-1;offered;;;;;\n" + // row 3: unknown service
			"0793;SOC-002;perhaps;;;;;\n" + // row 4: bad offering
			"0793;SOC-003;offered;1.1 9.9;;;;31.02.2026\n" + // row 5: unknown criterion, bad date
			"0784;SOC-001;not_applicable;;;;;\n" // good
		status, page := upload(t, coordinator, a, "vigane.csv", []byte(file))
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d\n%s", status, page)
		}
		for _, want := range []string{
			"<td>3</td><td><code>service_code</code></td>",
			"<td>4</td><td><code>offering</code></td>",
			"<td>5</td><td><code>criteria_met</code></td>",
			"<td>5</td><td><code>evidence_checked_on</code></td>",
		} {
			if !strings.Contains(page, want) {
				t.Errorf("page does not report %s", want)
			}
		}
		if strings.Count(page, "<tr><td>") != 4 {
			t.Errorf("%d problems listed, want 4", strings.Count(page, "<tr><td>"))
		}
		if after, n := matrixState(t, a); !cmp.Equal(before, after) || n != events {
			t.Error("a file with bad rows changed the matrix")
		}
	})
}

// TestImportEstonianCSV: a file as a spreadsheet in Estonian saves it: UTF-8 with a BOM,
// semicolons, CRLF, EHAK without its leading zero, criterion codes with decimal commas, a
// date as dd.mm.yyyy and a level that is ignored in favour of the criteria.
func TestImportEstonianCSV(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		editor := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
		file := "\ufeffehak;municipality;service_code;service;offering;level;criteria_met;url;system;evidence_url;evidence_checked_on;verification\r\n" +
			"793;Tartu linn;SOC-001;Sünnitoetus;offered;5;1,1 2,1 3,1 3,2;https://tartu.ee/t;Õppesüsteem;https://tartu.ee/e;9.03.2026;verified\r\n"
		if status, page := upload(t, editor, a, "Tartu.csv", []byte(file)); status != http.StatusOK {
			t.Fatalf("status %d\n%s", status, page)
		}
		c, err := a.store.Cell(context.Background(), "0793", "SOC-001")
		if err != nil {
			t.Fatal(err)
		}
		if c.Level != 3 || c.System != "Õppesüsteem" || c.Verification != eservice.SelfReported || c.UpdatedBy != "mari@tartu.test" ||
			c.EvidenceCheckedOn == nil || c.EvidenceCheckedOn.Format(time.DateOnly) != "2026-03-09" {
			t.Errorf("imported cell %+v", c)
		}
	})
}

// TestEditorImportsOnlyOwnRows: an editor's file with a row of another municipality is
// refused with that row's error, and its own rows are not saved either.
func TestEditorImportsOnlyOwnRows(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		editor := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
		reader := a.as(t, a.user(t, "juku@ministry.test", auth.RoleReader, ""))
		before, events := matrixState(t, a)
		file := "ehak;service_code;offering;criteria_met;url;system;evidence_url;evidence_checked_on\n" +
			"0793;SOC-001;offered;1.1;;;;\n0784;SOC-001;offered;1.1;;;;\n"
		status, page := upload(t, editor, a, "m.csv", []byte(file))
		if status != http.StatusForbidden || !strings.Contains(page, "<td>3</td><td><code>ehak</code></td>") || strings.Count(page, "<tr><td>") != 1 {
			t.Errorf("editor's import of another municipality's row: %d\n%s", status, page)
		}
		if status, _ := upload(t, reader, a, "m.csv", []byte(file)); status != http.StatusForbidden {
			t.Errorf("reader's import: %d", status)
		}
		if status, _ := get(t, reader, a.URL+"/eservices/import"); status != http.StatusForbidden {
			t.Errorf("reader's import form: %d", status)
		}
		if after, n := matrixState(t, a); !cmp.Equal(before, after) || n != events {
			t.Error("a refused import changed the matrix")
		}
		if status, page := get(t, editor, a.URL+"/eservices/import"); status != http.StatusOK || !strings.Contains(page, "/eservices/matrix.csv?municipality=0793") {
			t.Errorf("editor's import form: %d", status)
		}
	})
}
