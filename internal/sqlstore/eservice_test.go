package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// criteria returns the ids of the scale's criteria up to and including level.
func criteria(t *testing.T, s *sqlstore.Store, level int) []int64 {
	scale, err := s.Scale(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, l := range scale {
		if l.Number <= level {
			for _, c := range l.Criteria {
				ids = append(ids, c.ID)
			}
		}
	}
	return ids
}

func TestCatalogueAndScale(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		services, err := s.ListServices(ctx, false)
		if err != nil || len(services) != 77 {
			t.Fatalf("services: %d %v", len(services), err)
		}
		scale, err := s.Scale(ctx)
		if err != nil || len(scale) != 6 || scale.Max() != 5 || len(scale[3].Criteria) != 2 || scale[0].Criteria != nil {
			t.Fatalf("scale %+v %v", scale, err)
		}
		sv := eservice.Service{Code: "GOV-900", NameEt: "Uus teenus", Area: "Valitsemine", Channels: []string{"web", "office"}}
		created, err := s.CreateService(ctx, sv)
		if err != nil || created.Version != 1 || len(created.Channels) != 2 {
			t.Fatalf("create %+v %v", created, err)
		}
		if _, err := s.CreateService(ctx, sv); !kovit.FieldsOf(err).Has("code") {
			t.Errorf("duplicate code: %v", err)
		}
		created.Retired = true
		retired, err := s.UpdateService(ctx, created)
		if err != nil || !retired.Retired {
			t.Fatalf("retire %v", err)
		}
		if _, err := s.UpdateService(ctx, created); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale update: %v", err)
		}
		if all, _ := s.ListServices(ctx, true); len(all) != 78 {
			t.Errorf("with retired: %d", len(all))
		}
		c := scale[1].Criteria[0]
		c.TextEt = "Uus sõnastus"
		if _, err := s.UpdateCriterion(ctx, c); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.Scale(ctx); again[1].Criteria[0].TextEt != "Uus sõnastus" {
			t.Error("criterion not reworded")
		}
	})
}

func TestCellsVerificationAndSnapshots(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		editor := &auth.User{ID: 3, Name: "Mari", Role: auth.RoleEditor, MunicipalityEHAK: "0793", Active: true}
		ctx := auth.WithUser(context.Background(), editor)
		empty, err := s.Cell(ctx, "0793", "SOC-001")
		if err != nil || empty.Version != 0 || empty.Level != 0 {
			t.Fatalf("empty cell %+v %v", empty, err)
		}
		day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
		in := eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 3), URL: "https://tartu.ee/e", System: "SPOKU",
			EvidenceURL: "https://tartu.ee/e", EvidenceCheckedOn: &day}
		cell, err := s.SaveCell(ctx, "0793", "SOC-001", in)
		if err != nil {
			t.Fatal(err)
		}
		if cell.Level != 3 || cell.Version != 1 || len(cell.Met) != 4 || cell.Verification != eservice.SelfReported || cell.UpdatedBy != "Mari" || !cell.EvidenceCheckedOn.Equal(day) {
			t.Errorf("saved %+v", cell)
		}
		// A second first-save from the same starting point is refused.
		if _, err := s.SaveCell(ctx, "0793", "SOC-001", in); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale first save: %v", err)
		}
		if _, err := s.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: "x", Version: 1}); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("invalid: %v", err)
		}
		if _, err := s.SaveCell(ctx, "0793", "NOPE-1", in); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("unknown service: %v", err)
		}
		returned, err := s.ReviewCell(ctx, "0793", "SOC-001", eservice.Review{Verification: eservice.Returned, Reason: "Link ei tööta", Version: 1})
		if err != nil || returned.Verification != eservice.Returned || returned.ReturnReason != "Link ei tööta" {
			t.Fatalf("return %+v %v", returned, err)
		}
		in.Version = returned.Version
		in.Met = criteria(t, s, 1)
		fixed, err := s.SaveCell(ctx, "0793", "SOC-001", in)
		if err != nil || fixed.Level != 1 || fixed.Verification != eservice.SelfReported || fixed.ReturnReason != "" {
			t.Fatalf("resubmitted %+v %v", fixed, err)
		}
		if _, err := s.ReviewCell(ctx, "0793", "SOC-001", eservice.Review{Verification: eservice.Verified, Version: fixed.Version}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReviewCell(ctx, "0784", "SOC-001", eservice.Review{Verification: eservice.Verified, Version: 1}); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("reviewing an empty cell: %v", err)
		}

		if err := s.TakeSnapshot(ctx, "2026-10"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveCell(ctx, "0784", "SOC-001", eservice.CellInput{Offering: eservice.Offered, Met: criteria(t, s, 5)}); err != nil {
			t.Fatal(err)
		}
		if err := s.TakeSnapshot(ctx, "2026-11"); err != nil {
			t.Fatal(err)
		}
		if err := s.TakeSnapshot(ctx, "2026-11"); err != nil { // on demand again: replaces
			t.Fatal(err)
		}
		snaps, err := s.Snapshots(ctx, "SOC-001")
		if err != nil || len(snaps) != 3 || snaps[1].MunicipalityEHAK != "0784" || snaps[1].Level != 5 {
			t.Errorf("snapshots %+v %v", snaps, err)
		}
		if months, _ := s.SnapshotMonths(ctx); len(months) != 2 || months[1] != "2026-11" {
			t.Errorf("months %v", months)
		}
		if own, err := s.MunicipalitySnapshots(ctx, "0784"); err != nil || len(own) != 1 || own[0].Month != "2026-11" || own[0].Level != 5 {
			t.Errorf("Tallinn's snapshots %+v %v", own, err)
		}
		if err := s.TakeSnapshot(ctx, "November"); kovit.ErrorCode(err) != kovit.EInvalid {
			t.Errorf("bad month: %v", err)
		}
		all, err := s.Cells(ctx, eservice.CellFilter{})
		if err != nil || len(all) != 2 {
			t.Errorf("cells %d %v", len(all), err)
		}
	})
}
