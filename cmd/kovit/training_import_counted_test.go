package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
)

// TestTrainingImportCounted: an attendance sheet's rows without a name but with a number
// of people are saved as counted completions beside the named records, each audited; a
// sheet with one bad counted row saves neither kind and names the row and column, on the
// page and through the API; a sheet of counts alone needs no person column; the records'
// sheet, the import's template, shows the counted rows without a name.
func TestTrainingImportCounted(t *testing.T) {
	onEngines(t, testTrainingImportCounted)
}

func testTrainingImportCounted(t *testing.T, engine string) {
	a := startApp(t, engine)
	trainingFixture(t, a)
	ctx := context.Background()
	own := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	held := func() (records, people int) {
		rs, err := a.store.TrainingRecords(ctx, "0784")
		if err != nil {
			t.Fatal(err)
		}
		cs, err := a.store.TrainingCounts(ctx, "0784")
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			people += c.People
		}
		return len(rs), people
	}
	records, people := held()
	page := a.URL + "/municipalities/0784/training/import"
	bad := "Isik;Roll;Koolitus;Läbimise kuupäev;Läbinuid\nMari Maasikas;töötaja;Küberhügieeni e-kursus;15.01.2026;\n;töötaja;Küberhügieeni e-kursus;15.01.2026;kaksteist\n"
	st, body := uploadSheet(t, own, page, "osalejad.csv", bad)
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "<td>3</td><td><code>Läbinuid</code>") {
		t.Errorf("a bad counted row: %d %.3000s", st, body)
	}
	api := a.URL + "/api/v1/municipalities/0784/training-records/import"
	ct, form := uploadForm(t, "osalejad.csv", []byte(bad), nil)
	if st, body := send(t, own, "POST", api, ct, form); st != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"3.Läbinuid"`) {
		t.Errorf("API, a bad counted row: %d %s", st, body)
	}
	if r, p := held(); r != records || p != people {
		t.Fatalf("a refused sheet saved %d records and %d people", r-records, p-people)
	}

	good := "Person;Role;Training;Completed on;People\nMari Maasikas;employee;Küberhügieeni e-kursus;2026-01-15;\n;employee;Küberhügieeni e-kursus;2026-01-15;12\n"
	if st, body := uploadSheet(t, own, page, "attendance.csv", good); st != http.StatusSeeOther && st != http.StatusOK {
		t.Errorf("a sheet of both kinds: %d %.2000s", st, body)
	}
	if r, p := held(); r != records+1 || p != people+12 {
		t.Errorf("after a sheet of both kinds: %d records and %d people more, want 1 and 12", r-records, p-people)
	}
	countsOnly := "Roll;Koolitus;Läbimise kuupäev;Inimeste arv\ndokumendihaldur;Küberhügieeni e-kursus;01.03.2026;3\n"
	ct, form = uploadForm(t, "arvud.csv", []byte(countsOnly), nil)
	if st, body := send(t, own, "POST", api, ct, form); st != http.StatusCreated || strings.TrimSpace(body) != "[]" {
		t.Errorf("API, a sheet of counts alone: %d %s", st, body)
	}
	if r, p := held(); r != records+1 || p != people+15 {
		t.Errorf("after a sheet of counts: %d records and %d people more, want 1 and 15", r-records, p-people)
	}
	events, n, err := a.store.ListEvents(ctx, audit.Filter{Entity: audit.KindTrainingCount, Limit: 10})
	if err != nil || n != 2 || len(events) != 2 {
		t.Errorf("the imported counts' audit: %d events, %v", n, err)
	}
	st, body = get(t, own, a.URL+"/municipalities/0784/training-records.csv")
	if st != http.StatusOK || !strings.Contains(body, ";Läbinuid") || !strings.Contains(body, "\n;töötaja;Küberhügieeni e-kursus;2026-01-15;2028-01-15;12") {
		t.Errorf("the template lacks the counted row: %d %.1000s", st, body)
	}
	if st, body := get(t, own, a.URL+"/municipalities/0784/training"); st != http.StatusOK || !strings.Contains(body, "Läbinuid") {
		t.Errorf("the import's hint does not name the people column: %d", st)
	}
}
