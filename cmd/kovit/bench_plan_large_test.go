package main

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"kovit/internal/demo"
	"kovit/internal/plan"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkPlanTreeLarge: the tree page of a country's plan, 10,000 activities (10 goals ×
// 20 directions × 50) with 200 joint ones, target: first page under 100 ms. Timed from the
// kept tree and after a change that drops it (read whole again). The page sends 500
// activities, not 10,000.
func BenchmarkPlanTreeLarge(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		a := benchEmptyApp(b, engine)
		id, err := demo.Plan(coordinator(), a.store, demo.PlanShape{Goals: 10, Directions: 20, Activities: 50, Joint: 200, Seed: 3})
		if err != nil {
			b.Fatal(err)
		}
		if err := a.store.Analyze(coordinator()); err != nil {
			b.Fatal(err)
		}
		tree := "/plan/" + strconv.FormatInt(id, 10)
		size := 0
		page := func(b *testing.B) {
			rec := httptest.NewRecorder()
			a.handler.ServeHTTP(rec, uncached(tree))
			if rec.Code != http.StatusOK || strings.Count(rec.Body.String(), " kind-activity\">") != 500 {
				b.Fatalf("%d", rec.Code)
			}
			size = rec.Body.Len()
		}
		b.Run(engine+"/first-page", func(b *testing.B) {
			b.ReportAllocs()
			start := cpuTime()
			for b.Loop() {
				page(b)
			}
			// The machine running benchmarks is shared: CPU time says what a page costs
			// when wall time also says how busy the machine was.
			b.ReportMetric(float64((cpuTime()-start).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(size), "bytes/page")
		})
		ctx := coordinator()
		editActivity := lastActivityEditor(b, a, ctx, id)
		b.Run(engine+"/first-page-after-edit", func(b *testing.B) { afterEach(b, editActivity, page) })
		org, err := a.store.CreateOrganisation(ctx, plan.Organisation{Kind: plan.Agency, NameEt: "Amet"})
		if err != nil {
			b.Fatal(err)
		}
		renameOrg := func(b *testing.B) {
			org.NameEt += "."
			if org, err = a.store.UpdateOrganisation(ctx, org); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(engine+"/first-page-cold", func(b *testing.B) { afterEach(b, renameOrg, page) })
	}
}

func benchEmptyApp(b *testing.B, engine string) *app { return startApp(b, engine).app }
