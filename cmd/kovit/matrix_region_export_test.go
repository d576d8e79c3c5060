package main

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

var matrixExportRe = regexp.MustCompile(`<a href="([^"]+)">(CSV|XLSX)</a>`)

// TestMatrixRegionExportLink: the matrix page filtered to one region offers that region's
// download, named as such, with the page's other filters carried; the file it links to
// holds every municipality of the region and none of another, in both formats. Without a
// region the link is the country's.
func TestMatrixRegionExportLink(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		ctx := context.Background()
		all, _, err := a.store.ListMunicipalities(ctx, municipality.Filter{Limit: municipality.MaxLimit})
		if err != nil {
			t.Fatal(err)
		}
		const county, other = "0037", "0079" // Harju, Tartu
		var want []string
		for _, m := range all {
			if m.CountyEHAK == county {
				want = append(want, m.EHAK)
			}
		}
		slices.Sort(want)
		if len(want) < 2 || !slices.ContainsFunc(all, func(m municipality.Municipality) bool { return m.CountyEHAK == other }) {
			t.Fatalf("reference data lacks the counties: %d in Harju", len(want))
		}

		_, _, page := getWith(t, http.DefaultClient, a.URL+"/eservices?county="+county+"&type=vald&life_event=&sort=name")
		if !strings.Contains(page, "Laadi alla ainult piirkonna „Harju maakond“ omavalitsused:") {
			t.Errorf("the region's page does not name the region it downloads")
		}
		links := matrixExportRe.FindAllStringSubmatch(page, -1)
		if len(links) != 2 {
			t.Fatalf("%d download links on the region's page, want CSV and XLSX", len(links))
		}
		for _, l := range links {
			u, err := url.Parse(html.UnescapeString(l[1]))
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			if q.Get("county") != county || q.Get("type") != "vald" || q.Get("sort") != "name" {
				t.Errorf("%s link %s does not carry the region and the page's filters", l[2], u)
			}
			_, body := downloadAs(t, http.DefaultClient, a.URL+u.String(), "", "")
			name := "matrix.csv"
			if l[2] == "XLSX" {
				name = "matrix.xlsx"
			}
			header, rows, err := tabular.Read(strings.NewReader(string(body)), name)
			if err != nil || len(header) == 0 || header[0] != "ehak" {
				t.Fatalf("%s: %v, header %v", l[2], err, header)
			}
			var got []string
			for _, row := range rows {
				if len(got) == 0 || got[len(got)-1] != row[0] {
					got = append(got, row[0])
				}
			}
			slices.Sort(got)
			got = slices.Compact(got)
			if !slices.Equal(got, want) {
				t.Errorf("%s of Harju holds %v, want %v", l[2], got, want)
			}
		}

		_, _, page = getWith(t, http.DefaultClient, a.URL+"/eservices?lang=en&county="+county)
		if !strings.Contains(page, "Download the municipalities of Harju maakond only:") {
			t.Errorf("the English region page does not name the region it downloads")
		}
		_, _, page = getWith(t, http.DefaultClient, a.URL+"/eservices")
		if strings.Contains(page, "ainult piirkonna") || !strings.Contains(page, `<a href="/eservices/matrix.csv">CSV</a>`) {
			t.Errorf("the country's page does not link the country's file")
		}
	})
}
