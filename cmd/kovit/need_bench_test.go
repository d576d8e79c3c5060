package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/need"
	"kovit/internal/refdata"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkPrioritiesPage renders the ranked list of consolidated needs, with every
// score's breakdown, for a signed-in coordinator (no microcache) over the load:
// 3,000 needs from 79 municipalities, 2,400 submitted and grouped into 300 consolidated
// needs. The target is under 50 ms of server time per page.
func BenchmarkPrioritiesPage(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			a := startApp(b, engine)
			coord := a.user(b, "kati@kovit.test", auth.RoleCoordinator, "")
			seedNeeds(b, a, coord)
			u, _ := url.Parse(a.URL)
			cookies := a.as(b, coord).Jar.Cookies(u)
			serve := func() *httptest.ResponseRecorder {
				req := httptest.NewRequest(http.MethodGet, "/priorities", nil)
				for _, c := range cookies {
					req.AddCookie(c)
				}
				rec := httptest.NewRecorder()
				a.app.handler.ServeHTTP(rec, req)
				return rec
			}
			if rec := serve(); rec.Code != http.StatusOK || strings.Count(rec.Body.String(), `<a href="/consolidated/`) != 300 {
				b.Fatalf("priorities page: %d, %d consolidated needs", rec.Code, strings.Count(rec.Body.String(), `<a href="/consolidated/`))
			}
			b.ReportAllocs()
			for b.Loop() {
				if rec := serve(); rec.Code != http.StatusOK {
					b.Fatal(rec.Code)
				}
			}
		})
	}
}

// seedNeeds stores the load through the store, as the coordinator, in the benchmark's
// own database.
func seedNeeds(b *testing.B, a *testApp, coord auth.User) {
	ctx := auth.WithUser(context.Background(), &coord)
	ms, err := refdata.Municipalities()
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	topics := strings.Fields("dokumendihaldus veebileht infoturve koolitus andmekogu pilveteenus arveldus kaardirakendus " +
		"registreerimine lasteaiajärjekord toetuste parkimine ehitusregister videovalve serverid võrguühendus varundamine")
	words := strings.Fields("süsteemi uuendamine vajab asendamist lahendus valla linna teenuste arendamine liidestus andmete turvalisus")
	pick := func(list []string, k int) string {
		var out []string
		for range k {
			out = append(out, list[r.IntN(len(list))])
		}
		return strings.Join(out, " ")
	}
	needs := make([]need.Need, 3000)
	for i := range needs {
		cost := need.Money(r.IntN(200_000) * 100)
		needs[i] = need.Need{MunicipalityEHAK: ms[i%len(ms)].EHAK, Title: pick(topics, 2) + " " + pick(words, 2),
			Description: pick(words, 20), Category: need.Categories[i%len(need.Categories)], Cost: &cost,
			Urgency: need.Urgencies[i%len(need.Urgencies)]}
	}
	created, err := a.store.ImportNeeds(ctx, needs)
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range created[:2400] {
		if _, err := a.store.TransitionNeed(ctx, n.ID, need.Transition{To: need.Submitted, Version: n.Version}); err != nil {
			b.Fatal(err)
		}
	}
	for g := range 300 {
		ids := make([]int64, 8)
		for i := range ids {
			ids[i] = created[g*8+i].ID
		}
		if _, err := a.store.CreateConsolidated(ctx, need.Consolidated{Title: fmt.Sprint("Koondvajadus ", g), Category: need.CatOther,
			StrategyFit: g % 6, Published: g%2 == 0}, ids); err != nil {
			b.Fatal(err)
		}
	}
}
