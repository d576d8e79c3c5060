package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"kovit/internal/demo"
	"kovit/internal/municipality"
	"kovit/internal/need"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestCountry writes a synthetic country at a small scale on both engines and checks
// its counts, its marking, its codes and that the history of changes adds up to the
// current matrix.
func TestCountry(t *testing.T) {
	shape := demo.Germany.Scaled(0.003)
	shape.Now = time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		before, _ := s.TableRows(ctx, "municipalities")
		if err := demo.Country(ctx, s, shape); err != nil {
			t.Fatal(err)
		}
		if v, _ := s.Setting(ctx, demo.SyntheticSetting); v != "true" {
			t.Error("database not marked synthetic")
		}
		if v, _ := s.Setting(ctx, demo.CountrySetting); v != "de" {
			t.Errorf("country setting %q", v)
		}
		if v, _ := s.Setting(ctx, demo.CountryThroughSetting); v != "2026-10" {
			t.Errorf("history through %q, want 2026-10", v)
		}
		services, _ := s.ListServices(ctx, false)
		want := map[string]int64{
			"municipalities": before + int64(shape.Municipalities), "districts": int64(shape.Districts),
			"municipality_districts": int64(shape.Municipalities), "users": int64(shape.Users),
			"service_cells": int64(shape.Municipalities * shape.Services), "services": int64(shape.Services),
		}
		for table, n := range want {
			if got, err := s.TableRows(ctx, table); err != nil || got != n {
				t.Errorf("%s: %d rows (%v), want %d", table, got, err, n)
			}
		}
		if len(services) != shape.Services {
			t.Errorf("%d services, want %d", len(services), shape.Services)
		}
		// History is changes: at least one row a cell, far fewer than a row a cell a month.
		changes, _ := s.TableRows(ctx, "cell_changes")
		cells := int64(shape.Municipalities * shape.Services)
		if changes < cells || changes > cells*int64(shape.Months)/4 {
			t.Errorf("%d changes for %d cells over %d months", changes, cells, shape.Months)
		}
		ms, _, _ := s.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
		synthetic := 0
		for _, m := range ms {
			if strings.HasPrefix(m.EHAK, "D") && len(m.EHAK) == 4 {
				synthetic++
			}
		}
		if synthetic != shape.Municipalities {
			t.Errorf("%d municipalities with the country's codes, want %d", synthetic, shape.Municipalities)
		}
		// The curve rebuilt from the changes ends where the current matrix is.
		tallies, err := s.ServiceTallies(ctx)
		if err != nil {
			t.Fatal(err)
		}
		checked := 0
		for _, tl := range tallies {
			curve, err := s.AdoptionFromChanges(ctx, tl.Code, "2026-10")
			if err != nil {
				t.Fatal(err)
			}
			if len(curve) != shape.Months {
				t.Fatalf("%s: %d months, want %d", tl.Code, len(curve), shape.Months)
			}
			last := curve[len(curve)-1]
			if last.AtLevel3 != tl.AtLevel3 || last.Population != tl.Population {
				t.Errorf("%s: history ends at %+v, matrix has %+v", tl.Code, last, tl)
			}
			checked++
		}
		if checked < shape.Services/2 {
			t.Errorf("only %d services reach level 3", checked)
		}
		row, _ := s.MunicipalityLevels(ctx, demo.CountryCode(0))
		if len(row) != shape.Services {
			t.Errorf("row of %d cells", len(row))
		}
		// A region's page: its municipalities × the area's services, a municipality at a time.
		area := services[len(services)-1].Area
		inRegion, inArea := 0, 0
		for _, m := range ms {
			if m.CountyEHAK == "DR01" {
				inRegion++
			}
		}
		for _, sv := range services {
			if sv.Area == area {
				inArea++
			}
		}
		page, err := s.RegionAreaLevels(ctx, "DR01", area, 700, 0)
		if err != nil || len(page) != inRegion*inArea {
			t.Errorf("region page of %d cells (%v), want %d × %d", len(page), err, inRegion, inArea)
		}
		for i := 1; i < len(page); i++ {
			if page[i].Municipality == page[i-1].Municipality && page[i].Service <= page[i-1].Service {
				t.Fatalf("page out of order at %d: %+v", i, page[i])
			}
		}
		if _, total, err := s.ListNeeds(ctx, need.Filter{Limit: 1}); err != nil || total != shape.Needs {
			t.Errorf("%d needs (%v), want %d", total, err, shape.Needs)
		}
	})
}
