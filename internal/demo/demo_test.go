package demo_test

import (
	"context"
	"testing"
	"time"

	"kovit/internal/demo"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestGenerate(t *testing.T) {
	s := sqlstoretest.New(t, "sqlite")
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	if err := demo.Generate(ctx, s, demo.Options{Months: 4, Seed: 1, Now: now}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Setting(ctx, demo.SyntheticSetting); v != "true" {
		t.Error("database not marked synthetic")
	}
	months, _ := s.SnapshotMonths(ctx)
	if len(months) != 4 || months[0] != "2026-07" || months[3] != "2026-10" {
		t.Errorf("months %v", months)
	}
	cells, _ := s.Cells(ctx, eservice.CellFilter{})
	ms, _, _ := s.ListMunicipalities(ctx, municipality.Filter{})
	services, _ := s.ListServices(ctx, false)
	if len(cells) != len(ms)*len(services) {
		t.Errorf("%d cells, want %d", len(cells), len(ms)*len(services))
	}
	levels := map[int]int{}
	for _, c := range cells {
		levels[c.Level]++
	}
	if levels[0] == 0 || levels[3] == 0 || levels[5] == 0 {
		t.Errorf("levels not spread: %v", levels)
	}
	// History goes up: more cells at ≥ 3 now than in the first month.
	first, now3 := 0, 0
	snaps, _ := s.Snapshots(ctx, "")
	for _, c := range snaps {
		if c.Month == months[0] && c.Level >= 3 {
			first++
		}
	}
	for _, c := range cells {
		if c.Level >= 3 {
			now3++
		}
	}
	if now3 <= first {
		t.Errorf("no progress: %d then %d", first, now3)
	}
	// Running again on a synthetic database is allowed; a real one is refused.
	real := sqlstoretest.New(t, "sqlite")
	if _, err := real.SaveCell(ctx, "0793", "SOC-001", eservice.CellInput{Offering: eservice.NotOffered}); err != nil {
		t.Fatal(err)
	}
	if err := demo.Generate(ctx, real, demo.Options{Months: 1, Now: now}); err == nil {
		t.Error("generator wrote into a database with real data")
	}
}
