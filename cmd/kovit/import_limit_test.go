package main

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/i18n"
	"kovit/internal/plan"
	"kovit/internal/tabular"
	"kovit/internal/tabular/tabulartest"
)

// importAlloc is what one hostile upload may make the server allocate, request and page
// included; the files below once cost it from 940 MB to past 1.5 GB each.
const importAlloc = 48 << 20

// TestImportLimitsOverHTTP sends the files of issue 10 (rows with a cell at column XFD, a
// cell at A1048576, a 200 MB cell packed in 200 KB, 40,000 blank rows before a record, a
// header of 100,000 columns, 20,001 rows, a cell past Excel's length) to every import,
// on the pages and the API: each is answered with a 4xx that names the limit, within
// seconds and in bounded memory, and nothing is stored.
func TestImportLimitsOverHTTP(t *testing.T) {
	files := tabulartest.Hostile(200<<20, tabular.MaxRows, tabular.MaxColumns, tabular.MaxCellChars, tabular.MaxUnzippedBytes>>20)
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	et := catalog.Printer("et")
	eachEngine(t, func(t *testing.T, a *testApp) {
		ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
		st, err := a.store.CreateStrategy(ctx, plan.Strategy{TitleEt: "Kava", StartYear: 2026, EndYear: 2030, Status: plan.Adopted})
		if err != nil {
			t.Fatal(err)
		}
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		cells, events := matrixState(t, a)
		for _, path := range []string{"/eservices/import", "/plan/strategies/" + itoa(st.ID) + "/import", "/needs/import", "/api/v1/needs/import"} {
			for _, f := range files {
				if f.Key == "" {
					continue // blank rows after the last record read as no rows
				}
				t.Run(f.Name+" "+strings.ReplaceAll(strings.Trim(path, "/"), "/", "."), func(t *testing.T) {
					want := et.T(f.Key, "Limit", et.Int(f.Limit))
					ct, body := uploadForm(t, f.Name, f.Data, nil)
					status, page, alloc, took := measured(t, coord, a.URL+path, ct, body)
					if status != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(page), want) {
						t.Errorf("%d, want 422 with %q:\n%.2000s", status, want, page)
					}
					if alloc > importAlloc || took > 5*time.Second {
						t.Errorf("allocated %d MB in %v", alloc>>20, took)
					}
				})
			}
		}
		t.Run("blank rows", func(t *testing.T) {
			ct, body := uploadForm(t, "blank.csv", []byte("Omavalitsus;Pealkiri;Kategooria\n"+strings.Repeat(";;\n", 40_000)), nil)
			status, page, _, took := measured(t, coord, a.URL+"/api/v1/needs/import", ct, body)
			if status != http.StatusOK || !strings.Contains(page, `"needs":[]`) || took > 2*time.Second {
				t.Errorf("%d in %v:\n%.1000s", status, took, page)
			}
		})
		t.Run("table carried between steps", func(t *testing.T) {
			// The survey page carries the table in its form: it is held to the same bounds.
			table, _ := json.Marshal(map[string]any{"header": make([]string, 100_000), "rows": [][]string{}})
			status, page := postForm(t, coord, a.URL+"/needs/import", url.Values{"table": {string(table)}, "step": {"preview"}})
			want := et.T("tabular.error.columns", "Limit", et.Int(tabular.MaxColumns))
			if status != http.StatusUnprocessableEntity || !strings.Contains(html.UnescapeString(page), want) || len(page) > 1<<20 {
				t.Errorf("%d, %d bytes, want 422 with %q", status, len(page), want)
			}
		})
		if after, n := matrixState(t, a); len(after) != len(cells) || n != events {
			t.Errorf("an import stored something: %d cells, %d events; before %d, %d", len(after), n, len(cells), events)
		}
	})
}

// measured sends a request and returns its answer, what the process allocated meanwhile
// (the test's own request included) and how long it took.
func measured(t *testing.T, c *http.Client, u, ct, body string) (status int, page string, alloc uint64, took time.Duration) {
	t.Helper()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	status, page = send(t, c, "POST", u, ct, body, "Accept-Language", "et")
	took = time.Since(start)
	runtime.ReadMemStats(&after)
	return status, page, after.TotalAlloc - before.TotalAlloc, took
}

// TestImportOverSizeLimit: a file past the upload limit is answered 413 naming the
// limit, by the API (it said "file: required") and by every import page.
func TestImportOverSizeLimit(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		coord := a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, ""))
		big := []byte("a;b\n" + strings.Repeat("1;2\n", (tabular.MaxFileBytes+2<<20)/4))
		ct, body := uploadForm(t, "suur.csv", big, map[string]string{"apply": "true"})
		for _, path := range []string{"/api/v1/needs/import", "/needs/import", "/eservices/import"} {
			status, page := send(t, coord, "POST", a.URL+path, ct, body, "Accept-Language", "et")
			if status != http.StatusRequestEntityTooLarge || !strings.Contains(page, "Fail on suurem kui 10 MB.") {
				t.Errorf("%s: %d, want 413 naming 10 MB:\n%.1000s", path, status, page)
			}
		}
	})
}
