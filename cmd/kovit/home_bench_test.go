package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/demo"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkHomePage renders the public home page afresh (a session cookie that names no
// session keeps the anonymous microcache out) on the demo database: `kovit demo`'s
// 18 months of matrix history, the benchmark plan and the needs load, as its generators
// write them, with a few changes made by a person on top. The target is under 20 ms.
func BenchmarkHomePage(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			var id int64
			t := startFilledApp(b, engine, func(ctx context.Context, store *sqlstore.Store) (err error) {
				if err = demo.Generate(ctx, store, demo.Options{Months: 18, Seed: 1, Now: time.Now()}); err != nil {
					return err
				}
				if id, err = demo.Plan(ctx, store, demo.BenchmarkPlan); err != nil {
					return err
				}
				_, err = demo.Needs(ctx, store, demo.BenchmarkNeeds)
				return err
			})
			a, ctx := t.app, context.Background()
			tree, err := a.store.StrategyTree(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			coord := auth.WithUser(ctx, &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
			for _, n := range tree.Nodes[len(tree.Nodes)-3:] {
				n.Completion = min(n.Completion+1, 99)
				if _, err := a.store.UpdateNode(coord, n); err != nil {
					b.Fatal(err)
				}
			}
			if err := a.store.Analyze(ctx); err != nil {
				b.Fatal(err)
			}
			serve := func() string {
				rec := httptest.NewRecorder()
				a.handler.ServeHTTP(rec, uncached("/"))
				if rec.Code != http.StatusOK {
					b.Fatalf("%d", rec.Code)
				}
				return rec.Body.String()
			}
			if page := serve(); strings.Contains(page, `<p class="empty">`) || strings.Count(page, `<ol class="changes">`) != 1 {
				b.Fatalf("the demo database leaves a block of the home page empty:\n%s", page)
			}
			b.ReportAllocs()
			for b.Loop() {
				serve()
			}
		})
	}
}
