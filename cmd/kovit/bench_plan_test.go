package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The action plan's targets, on the benchmark plan (sqlstoretest.LargePlan: 1,000
// activities in four levels, 20 joint activities with all 79 municipalities, 5,000
// indicator values). Requests carry a session cookie that names no session: they are
// answered as for the public, but past the anonymous microcache, so every one is rendered.

func benchPlanApp(b *testing.B, engine string) (*app, int64) {
	store := sqlstoretest.New(b, engine)
	c := config{DB: store.DSN(), AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: time.Hour}
	a, err := newApp(context.Background(), c, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { a.store.Close() })
	return a, sqlstoretest.LargePlan(b, a.store, true)
}

func uncached(path string) *http.Request {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.AddCookie(&http.Cookie{Name: "kovit_session", Value: "none"})
	return req
}

// BenchmarkPlanPages: the public tree page (target < 30 ms server time) and the activity
// list API served from parallel clients (target ≥ 3,000 requests/s on 2 cores: read req/s).
func BenchmarkPlanPages(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		a, id := benchPlanApp(b, engine)
		tree := "/plan/" + strconv.FormatInt(id, 10)
		b.Run(engine+"/tree-page", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				a.handler.ServeHTTP(rec, uncached(tree))
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "5.4.50") {
					b.Fatalf("%d", rec.Code)
				}
			}
		})
		list := "/api/v1/activities?strategy=" + strconv.FormatInt(id, 10)
		b.Run(engine+"/activity-list-api", func(b *testing.B) {
			b.ReportAllocs()
			start := time.Now()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					rec := httptest.NewRecorder()
					a.handler.ServeHTTP(rec, uncached(list))
					if rec.Code != http.StatusOK {
						b.Fatalf("%d", rec.Code)
					}
				}
			})
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
		})
	}
}

// BenchmarkPlanRollupAfterEdit times the roll-up of the whole tree that follows one
// municipality's edit of its part (target < 5 ms): the tree as the next reader gets it and
// its progress at every level. The edit itself, a write transaction, is not timed.
func BenchmarkPlanRollupAfterEdit(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			a, id := benchPlanApp(b, engine)
			ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
			t, err := a.store.StrategyTree(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			p := t.Participants[0]
			statuses := []string{plan.InProgress, plan.Done}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				b.StopTimer()
				p.Status = statuses[i%2]
				i++
				if p, err = a.store.UpdateParticipant(ctx, p); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				t, err := a.store.StrategyTree(ctx, id)
				if err != nil {
					b.Fatal(err)
				}
				if _, ok := plan.Rollup(t)[plan.StrategyKey]; !ok {
					b.Fatal("no progress")
				}
			}
		})
	}
}
