package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/eservice"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkEServicePageForm is a municipality's one-page e-service form with the
// catalogue at 150 services, every one filled in, as its editor uses it over HTTP:
// rendering it (target < 20 ms) and saving it with every row changed (target < 100 ms).
// The requests go straight to the handler with the editor's session, so the figures are
// server time.
func BenchmarkEServicePageForm(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		a := startApp(b, engine)
		ctx := context.Background()
		services := sqlstoretest.Services(b, a.store, 150)
		scale, err := a.store.Scale(ctx)
		if err != nil {
			b.Fatal(err)
		}
		var rows []eservice.ImportRow
		for j, sv := range services {
			in := eservice.CellInput{Offering: eservice.Offered, URL: "https://example.ee/" + sv.Code}
			for _, l := range scale[1 : j%scale.Max()+1] {
				for _, c := range l.Criteria {
					in.Met = append(in.Met, c.ID)
				}
			}
			rows = append(rows, eservice.ImportRow{Row: j + 2, MunicipalityEHAK: "0793", ServiceCode: sv.Code, Input: in})
		}
		if _, err := a.store.ImportCells(ctx, rows); err != nil {
			b.Fatal(err)
		}
		editor := a.as(b, a.user(b, "bench@tartu.test", auth.RoleEditor, "0793"))
		const page = "/municipalities/0793/eservices/edit"
		base, _ := url.Parse(a.URL)
		cookies := editor.Jar.Cookies(base)
		serve := func(method, body string) *httptest.ResponseRecorder {
			req := httptest.NewRequest(method, page, strings.NewReader(body))
			if body != "" {
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			for _, c := range cookies {
				req.AddCookie(c)
			}
			rec := httptest.NewRecorder()
			a.app.handler.ServeHTTP(rec, req)
			return rec
		}
		b.Run(engine+"/render", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rec := serve(http.MethodGet, ""); rec.Code != http.StatusOK || strings.Count(rec.Body.String(), `name="version.`) != 150 {
					b.Fatalf("%d", rec.Code)
				}
			}
		})
		b.Run(engine+"/save", func(b *testing.B) {
			v := pageFormValues(b, a, "0793")
			versions := map[string]int{}
			for _, sv := range services {
				versions[sv.Code], _ = strconv.Atoi(v.Get("version." + sv.Code))
			}
			body := func(n int) string {
				for _, sv := range services {
					v.Set("system."+sv.Code, "Süsteem "+strconv.Itoa(n))
					v.Set("version."+sv.Code, strconv.Itoa(versions[sv.Code]))
				}
				return v.Encode()
			}
			n := 0
			b.ReportAllocs()
			for b.Loop() {
				n++
				if rec := serve(http.MethodPost, body(n)); rec.Code != http.StatusSeeOther {
					b.Fatalf("save: %d\n%.300s", rec.Code, rec.Body.String())
				}
				for code := range versions {
					versions[code]++
				}
			}
		})
	}
}
