package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
	"kovit/internal/tabular"
)

// auditTotal counts every audit event.
func auditTotal(t *testing.T, s *sqlstore.Store) int {
	t.Helper()
	_, n, err := s.ListEvents(context.Background(), audit.Filter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// asRows turns stored cells into import rows that say exactly what the cells hold.
func asRows(cells []eservice.Cell) []eservice.ImportRow {
	var rows []eservice.ImportRow
	for i, c := range cells {
		rows = append(rows, eservice.ImportRow{Row: i + 2, MunicipalityEHAK: c.MunicipalityEHAK, ServiceCode: c.ServiceCode,
			Input: eservice.CellInput{Offering: c.Offering, Met: c.Met, URL: c.URL, System: c.System,
				EvidenceURL: c.EvidenceURL, EvidenceCheckedOn: c.EvidenceCheckedOn}, Version: &c.Version})
	}
	return rows
}

func TestImportCells(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		coordinator := &auth.User{ID: 2, Name: "Kati", Role: auth.RoleCoordinator, Active: true}
		ctx := auth.WithUser(context.Background(), coordinator)
		day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
		saved, err := s.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 3),
			URL: "https://tartu.ee/t", EvidenceURL: "https://tartu.ee/e", EvidenceCheckedOn: &day})
		if err != nil {
			t.Fatal(err)
		}
		// saveCells builds the saved cell (Cell.Saved) rather than reading it back: it must
		// be what a read returns.
		if read, _ := s.Cell(ctx, "0793", "SOC-001"); !cmp.Equal(saved, read) {
			t.Errorf("saved cell differs from the stored one:\n%s", cmp.Diff(saved, read))
		}
		if _, err := s.ReviewCell(ctx, "0793", "SOC-001", eservice.Review{Verification: eservice.Verified, Version: saved.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveCell(ctx, "0784", "SOC-001", eservice.CellInput{Offering: eservice.NotApplicable}); err != nil {
			t.Fatal(err)
		}
		before, _ := s.Cells(ctx, eservice.CellFilter{})
		events := auditTotal(t, s)

		// Everything as it is, plus a never-filled cell exported as unknown: nothing changes.
		same := append(asRows(before), eservice.ImportRow{Row: 9, MunicipalityEHAK: "0899", ServiceCode: "SOC-001",
			Input: eservice.CellInput{Offering: eservice.Unknown}})
		if n, err := s.ImportCells(ctx, same); err != nil || n != 0 {
			t.Fatalf("unchanged import: %d %v", n, err)
		}
		after, _ := s.Cells(ctx, eservice.CellFilter{})
		if diff := cmp.Diff(before, after); diff != "" || auditTotal(t, s) != events {
			t.Errorf("unchanged import changed cells (-before +after)\n%s\naudit %d → %d", diff, events, auditTotal(t, s))
		}

		// One changed cell, at the version it has, and one new cell, with no version.
		rows := asRows(before)
		rows[1].Input.Met = criteria(t, s, 2)
		rows = append(rows, eservice.ImportRow{Row: 5, MunicipalityEHAK: "0899", ServiceCode: "EDU-001",
			Input: eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 1)}})
		n, err := s.ImportCells(ctx, rows)
		if err != nil || n != 2 {
			t.Fatalf("import: %d %v", n, err)
		}
		changed, _ := s.Cell(ctx, rows[1].MunicipalityEHAK, rows[1].ServiceCode)
		created, _ := s.Cell(ctx, "0899", "EDU-001")
		untouched, _ := s.Cell(ctx, rows[0].MunicipalityEHAK, rows[0].ServiceCode)
		if changed.Version != before[1].Version+1 || changed.Level != 2 || len(changed.Met) != 2 || changed.Verification != eservice.SelfReported || changed.UpdatedBy != "Kati" {
			t.Errorf("changed cell %+v", changed)
		}
		if created.Version != 1 || created.Level != 1 {
			t.Errorf("created cell %+v", created)
		}
		if diff := cmp.Diff(before[0], untouched); diff != "" {
			t.Errorf("untouched cell (-before +after)\n%s", diff)
		}
		if got := auditTotal(t, s); got != events+2 {
			t.Errorf("audit events %d, want %d", got, events+2)
		}
		recorded, _, _ := s.ListEvents(ctx, audit.Filter{Entity: "service_cell", EntityID: "0899/EDU-001"})
		if len(recorded) != 1 || recorded[0].Action != audit.Create {
			t.Errorf("audit of the new cell %+v", recorded)
		}

		// All or nothing: a good row and bad ones save nothing, and each bad row is named.
		now, _ := s.Cells(ctx, eservice.CellFilter{})
		events = auditTotal(t, s)
		if _, err := s.UpdateService(ctx, retire(t, s, "EDU-002")); err != nil {
			t.Fatal(err)
		}
		events++
		bad := []eservice.ImportRow{
			{Row: 2, MunicipalityEHAK: "0793", ServiceCode: "SOC-001", Input: eservice.CellInput{Offering: eservice.NotOffered}},
			{Row: 3, MunicipalityEHAK: "0001", ServiceCode: "SOC-001", Input: eservice.CellInput{Offering: eservice.NotOffered}},
			{Row: 4, MunicipalityEHAK: "0793", ServiceCode: "EDU-002", Input: eservice.CellInput{Offering: eservice.Offered, Met: []int64{-1}}},
			// Exported before 0784's cell was saved: even a row that matches it now is refused.
			{Row: 5, MunicipalityEHAK: "0784", ServiceCode: "SOC-001", Input: eservice.CellInput{Offering: eservice.NotApplicable}, Version: new(0)},
		}
		_, err = s.ImportCells(ctx, bad)
		var ie *tabular.ImportError
		if !errors.As(err, &ie) || kovit.ErrorCode(err) != kovit.EInvalid {
			t.Fatalf("bad import: %v", err)
		}
		want := []tabular.RowError{{Row: 2, Column: "version", Key: "transfer.error.version_required"},
			{Row: 3, Column: "ehak", Key: "transfer.error.unknown_municipality"},
			{Row: 4, Column: "service_code", Key: "transfer.error.service_retired"}, {Row: 4, Column: "criteria_met", Key: "error.unknown_criterion"},
			{Row: 5, Column: "version", Key: "transfer.error.changed_since"}}
		if diff := cmp.Diff(want, ie.Rows); diff != "" {
			t.Errorf("row errors (-want +got)\n%s", diff)
		}
		if again, _ := s.Cells(ctx, eservice.CellFilter{}); !cmp.Equal(now, again) || auditTotal(t, s) != events {
			t.Error("a refused import changed data")
		}
	})
}

func retire(t *testing.T, s *sqlstore.Store, code string) eservice.Service {
	sv, err := s.Service(context.Background(), code)
	if err != nil {
		t.Fatal(err)
	}
	sv.Retired = true
	return sv
}

// BenchmarkImportFullMatrix imports a full matrix, 79 municipalities × 150 services
// (11 850 cells), in one transaction: into an empty matrix ("first"), over a filled one
// with every cell changed ("changed"), and the same file again ("unchanged", an export
// imported back). The target: under 2 s.
func BenchmarkImportFullMatrix(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine+"/first", func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				s, rows := fullMatrix(b, engine)
				b.StartTimer()
				if n, err := s.ImportCells(context.Background(), rows); err != nil || n != len(rows) {
					b.Fatal(n, err)
				}
			}
		})
		// "changed" writes over a filled matrix even when it runs once (-benchtime 1x).
		s, rows := fullMatrix(b, engine)
		if _, err := s.ImportCells(context.Background(), rows); err != nil {
			b.Fatal(err)
		}
		round := 0
		b.Run(engine+"/changed", func(b *testing.B) {
			for range b.N {
				round++
				for j := range rows {
					rows[j].Input.System = fmt.Sprint("süsteem ", round)
				}
				if n, err := s.ImportCells(context.Background(), rows); err != nil || n != len(rows) {
					b.Fatal(n, err)
				}
			}
		})
		b.Run(engine+"/unchanged", func(b *testing.B) {
			for range b.N {
				if n, err := s.ImportCells(context.Background(), rows); err != nil || n != 0 {
					b.Fatal(n, err)
				}
			}
		})
	}
}

// fullMatrix returns a fresh store with 150 services and the rows of a full matrix,
// every cell offered at level 3.
func fullMatrix(b *testing.B, engine string) (*sqlstore.Store, []eservice.ImportRow) {
	s := sqlstoretest.New(b, engine)
	ctx := context.Background()
	services := sqlstoretest.Services(b, s, 150)
	ms, _, err := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		b.Fatal(err)
	}
	scale, _ := s.Scale(ctx)
	var met []int64
	for _, l := range scale[:4] {
		for _, c := range l.Criteria {
			met = append(met, c.ID)
		}
	}
	var rows []eservice.ImportRow
	for _, m := range ms {
		for _, sv := range services {
			rows = append(rows, eservice.ImportRow{Row: len(rows) + 2, MunicipalityEHAK: m.EHAK, ServiceCode: sv.Code,
				Input: eservice.CellInput{Offering: eservice.Offered, Met: met, URL: "https://example.ee/" + sv.Code}})
		}
	}
	return s, rows
}
