package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/tabular"
	"kovit/internal/training"
)

// TestTrainingImport: Tallinn's editor uploads an attendance sheet with bad rows (refused
// by row and column, nothing saved), then a good CSV and a good XLSX (every row saved);
// the API does the same, naming each problem "row.column"; Tartu's editor and the public
// cannot import into Tallinn.
func TestTrainingImport(t *testing.T) {
	onEngines(t, testTrainingImport)
}

func testTrainingImport(t *testing.T, engine string) {
	a := startApp(t, engine)
	hygiene, _ := trainingFixture(t, a)
	ctx := context.Background()
	own := a.as(t, a.user(t, "it@tallinn.test", auth.RoleEditor, "0784"))
	tartu := a.as(t, a.user(t, "it@tartu.test", auth.RoleEditor, "0793"))
	count := func() int {
		rs, err := a.store.TrainingRecords(ctx, "0784")
		if err != nil {
			t.Fatal(err)
		}
		return len(rs)
	}
	before := count()
	page := a.URL + "/municipalities/0784/training/import"
	bad := "Isik;Roll;Koolitus;Läbimise kuupäev\nMari Maasikas;töötaja;Küberhügieeni e-kursus;15.01.2026\nJaan Tamm;ülemus;Küberhügieeni e-kursus;15.01.2026\n"
	st, body := uploadSheet(t, own, page, "osalejad.csv", bad)
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "<td>3</td><td><code>Roll</code>") {
		t.Errorf("a bad sheet: %d %.3000s", st, body)
	}
	if count() != before {
		t.Fatal("a refused sheet saved rows")
	}
	good := "Person,Role,Training,Completed on\nMari Maasikas,employee,Küberhügieeni e-kursus,2026-01-15\nJaan Tamm,IT lead," + itoa(hygiene.ID) + ",01.02.2026\n"
	if st, body := uploadSheet(t, own, page, "attendance.csv", good); st != http.StatusSeeOther && st != http.StatusOK {
		t.Errorf("a good CSV: %d %.2000s", st, body)
	}
	if count() != before+2 {
		t.Errorf("after a good CSV: %d records, want %d", count(), before+2)
	}
	var x bytes.Buffer
	if err := tabular.WriteXLSX(&x, tabular.Table{Header: []string{"Isik", "Roll", "Koolitus", "Läbimise kuupäev"},
		Rows: [][]any{{"Kati Kask", "dokumendihaldur", "Küberhügieeni e-kursus", "2026-03-01"}}}); err != nil {
		t.Fatal(err)
	}
	ct, form := uploadForm(t, "osalejad.xlsx", x.Bytes(), nil)
	if st, body := send(t, own, "POST", page, ct, form); st != http.StatusSeeOther && st != http.StatusOK {
		t.Errorf("a good XLSX: %d %.2000s", st, body)
	}
	if count() != before+3 {
		t.Errorf("after a good XLSX: %d records, want %d", count(), before+3)
	}
	if st, body := get(t, own, a.URL+"/municipalities/0784/training-records.csv"); st != http.StatusOK || !strings.Contains(body, "Kati Kask;dokumendihaldur") {
		t.Errorf("the records' sheet: %d %.500s", st, body)
	}

	api := a.URL + "/api/v1/municipalities/0784/training-records/import"
	ct, form = uploadForm(t, "osalejad.csv", []byte(bad), nil)
	if st, body := send(t, own, "POST", api, ct, form); st != http.StatusUnprocessableEntity || !strings.Contains(body, `"field":"3.Roll"`) {
		t.Errorf("API, a bad sheet: %d %s", st, body)
	}
	ct, form = uploadForm(t, "osalejad.csv", []byte(good), nil)
	if st, body := send(t, own, "POST", api, ct, form); st != http.StatusCreated || !strings.Contains(body, "Jaan Tamm") {
		t.Errorf("API, a good sheet: %d %s", st, body)
	}
	for who, c := range map[string]*http.Client{"Tartu's editor": tartu, "the public": a.client(t)} {
		if st, _ := uploadSheet(t, c, page, "x.csv", good); st < 400 {
			t.Errorf("%s imported into Tallinn: %d", who, st)
		}
		ct, form := uploadForm(t, "x.csv", []byte(good), nil)
		if st, _ := send(t, c, "POST", api, ct, form); st < 400 {
			t.Errorf("%s imported into Tallinn through the API: %d", who, st)
		}
	}
	if count() != before+5 {
		t.Errorf("in the end %d records, want %d", count(), before+5)
	}
}

// TestTrainingCounts: with records in five municipalities, the public sees the required
// roles covered for the whole country (a group of five) but no municipality, a reader
// sees each municipality's counts per role, and nobody outside sees a name.
func TestTrainingCounts(t *testing.T) {
	onEngines(t, testTrainingCounts)
}

func testTrainingCounts(t *testing.T, engine string) {
	a := startApp(t, engine)
	hygiene, _ := trainingFixture(t, a)
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	for _, ehak := range []string{"0171", "0899", "0586"} {
		if _, err := a.store.CreateTrainingRecord(ctx, training.Record{MunicipalityEHAK: ehak, Person: trainingMarker(ehak), Role: training.Employee,
			TrainingID: hygiene.ID, CompletedOn: time.Now().AddDate(0, -1, 0).Format(time.DateOnly)}); err != nil {
			t.Fatal(err)
		}
	}
	reader := a.as(t, a.user(t, "lugeja@ministeerium.test", auth.RoleReader, ""))
	st, body := get(t, a.client(t), a.URL+"/trainings/coverage")
	if st != http.StatusOK || !strings.Contains(body, "5 / 5") || !strings.Contains(body, "0 / 2") || strings.Contains(body, "Tallinn") || strings.Contains(body, "MARK-") {
		t.Errorf("the public's counts: %d %.3000s", st, readable(t, body))
	}
	st, body = get(t, reader, a.URL+"/trainings/coverage")
	if st != http.StatusOK || !strings.Contains(body, "Tallinn") || !strings.Contains(body, "0 / 1") || strings.Contains(body, "MARK-") {
		t.Errorf("a reader's counts: %d %.3000s", st, readable(t, body))
	}
	if st, body := get(t, a.client(t), a.URL+"/trainings/coverage.csv"); st != http.StatusOK || !strings.Contains(body, "Kogu Eesti;5;töötaja;5;5;1") || strings.Contains(body, "Tallinn") {
		t.Errorf("the public's sheet: %d %s", st, body)
	}
	if st, body := get(t, reader, a.URL+"/trainings/coverage.csv"); st != http.StatusOK || !strings.Contains(body, "Tallinn;1;infoturbe koordinaator;1;0;0") || strings.Contains(body, "MARK-") {
		t.Errorf("a reader's sheet: %d %s", st, body)
	}
	var pub, signed api.TrainingCoverage
	getJSON(t, a.client(t), a.URL+"/api/v1/training-coverage", &pub)
	getJSON(t, reader, a.URL+"/api/v1/training-coverage", &signed)
	if len(pub.Groups) == 0 || pub.Groups[0].Group != "country" || pub.Groups[0].Municipalities != 5 || pub.Municipalities != nil {
		t.Errorf("the public's API counts: %+v", pub)
	}
	if len(signed.Municipalities) != 5 {
		t.Errorf("a reader's API counts: %+v", signed)
	}
}
