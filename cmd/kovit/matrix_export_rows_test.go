package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"kovit/internal/auth"
	"kovit/internal/cpsv"
	"kovit/internal/eservice"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// fillMore saves cells in municipalities of several counties, some with criteria met and
// links, so that the row blocks of an export and the services of the CPSV graph differ.
func fillMore(t *testing.T, a *testApp) {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	scale, err := a.store.Scale(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, ehak := range []string{"0171", "0353", "0899", "0141", "0907"} {
		for j, code := range []string{"SOC-002", "EDU-001", "SOC-003"} {
			in := eservice.CellInput{Offering: eservice.Offered, Met: []int64{scale[1].Criteria[0].ID}, URL: "https://example.ee/" + ehak + "/" + code}
			if (i+j)%3 == 1 {
				in = eservice.CellInput{Offering: eservice.NotOffered}
			}
			if _, err := a.store.SaveCell(ctx, ehak, code, in); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// asLarge is a second kovit on a's database that serves it as a large country
// (WholeCells 1: levels kept, rows read by index in blocks).
func asLarge(t *testing.T, a *testApp) *testApp {
	t.Helper()
	large := startAppOn(t, a.store.DSN(), nil)
	large.store.WholeCells = 1
	return large
}

// TestMatrixExportByRowBlocks: the matrix export read a block of municipalities at a time
// gives the bytes the whole read gave (ExportRows of every cell, as the export was
// written before), and so does a large country's export from the index; a region's
// export holds exactly its municipalities' rows.
func TestMatrixExportByRowBlocks(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		fillCells(t, a)
		fillMore(t, a)
		ctx := context.Background()
		ms, _, err := a.store.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		services, _ := a.store.ListServices(ctx, false)
		cells, _ := a.store.Cells(ctx, eservice.CellFilter{})
		scale, _ := a.store.Scale(ctx)
		var want bytes.Buffer
		if err := tabular.WriteCSV(&want, tabular.Table{Header: eservice.Columns, Rows: eservice.ExportRows(ms, services, cells, scale, "et")}); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(want.String(), "\n"); n != 79*len(services)+1 {
			t.Fatalf("reference export of %d lines", n)
		}
		large := asLarge(t, a)
		for name, app := range map[string]*testApp{"whole": a, "large": large} {
			if got := download(t, app, "/eservices/matrix.csv"); !bytes.Equal(got, want.Bytes()) {
				t.Errorf("%s: CSV export differs from the whole read: %d bytes, want %d", name, len(got), want.Len())
			}
		}
		sheets := map[string][][]string{}
		for name, app := range map[string]*testApp{"whole": a, "large": large} {
			f, err := excelize.OpenReader(bytes.NewReader(download(t, app, "/eservices/matrix.xlsx")))
			if err != nil {
				t.Fatal(err)
			}
			if sheets[name], err = f.GetRows("e-teenused"); err != nil {
				t.Fatal(err)
			}
		}
		if len(sheets["whole"]) != 79*len(services)+1 || !cmp.Equal(sheets["whole"], sheets["large"]) {
			t.Errorf("XLSX: %d rows whole, %d large", len(sheets["whole"]), len(sheets["large"]))
		}

		// Tartu county (0079): its municipalities' rows only, in the same order.
		county, _, _ := a.store.ListMunicipalities(ctx, municipality.Filter{CountyEHAK: "0079", Limit: municipality.MaxLimit})
		var region bytes.Buffer
		tabular.WriteCSV(&region, tabular.Table{Header: eservice.Columns, Rows: eservice.ExportRows(county, services, cells, scale, "et")})
		for name, app := range map[string]*testApp{"whole": a, "large": large} {
			if got := download(t, app, "/eservices/matrix.csv?county=0079"); !bytes.Equal(got, region.Bytes()) || len(county) < 2 {
				t.Errorf("%s: region's export of %d bytes, want %d (%d municipalities)", name, len(got), region.Len(), len(county))
			}
		}
		if res, err := http.Get(large.URL + "/eservices/matrix.csv?county=0079&municipality=0784"); err != nil || res.StatusCode != http.StatusNotFound {
			t.Errorf("Tallinn as a municipality of Tartu county: %v %v, want 404", res, err)
		} else {
			res.Body.Close()
		}
		one := download(t, large, "/eservices/matrix.csv?municipality=0793")
		if n := strings.Count(string(one), "\n0793;"); n != len(services) || strings.Count(string(one), "\n") != len(services)+1 {
			t.Errorf("one municipality's row: %d of %d lines are Tartu's", n, strings.Count(string(one), "\n"))
		}
	})
}

// TestCPSVExportByService: the CPSV-AP export written a service at a time is, byte for
// byte, the whole graph's document (cpsv.Graph over every cell, as it was written
// before), and so is a large country's, read by the services' index.
func TestCPSVExportByService(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		fillCells(t, a)
		fillMore(t, a)
		ctx := context.Background()
		ms, _, _ := a.store.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
		services, _ := a.store.ListServices(ctx, false)
		grid, err := a.store.Grid(ctx)
		if err != nil {
			t.Fatal(err)
		}
		graph := cpsv.Graph(testBaseURL, ms, services, grid)
		var ttl, jsonld bytes.Buffer
		if err := cpsv.WriteTurtle(&ttl, graph); err != nil {
			t.Fatal(err)
		}
		if err := cpsv.WriteJSONLD(&jsonld, graph); err != nil {
			t.Fatal(err)
		}
		if strings.Count(ttl.String(), "a cpsv:PublicService") != 4 || strings.Count(ttl.String(), "a cv:Channel") != 11 {
			t.Fatalf("reference graph:\n%s", ttl.String())
		}
		large := asLarge(t, a)
		for name, app := range map[string]*testApp{"whole": a, "large": large} {
			if got := download(t, app, "/api/v1/cpsv-ap.ttl"); !bytes.Equal(got, ttl.Bytes()) {
				t.Errorf("%s: Turtle differs from the whole graph's:\n%s", name, cmp.Diff(ttl.String(), string(got)))
			}
			if got := download(t, app, "/api/v1/cpsv-ap.jsonld"); !bytes.Equal(got, jsonld.Bytes()) {
				t.Errorf("%s: JSON-LD differs from the whole graph's:\n%s", name, cmp.Diff(jsonld.String(), string(got)))
			}
		}
	})
}
