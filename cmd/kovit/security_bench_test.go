package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
	"kovit/internal/demo"
	"kovit/internal/sqlstore/sqlstoretest"
)

// The self-assessment's benchmarks (issue 14), over its load: a round of 79
// municipalities × 500 measures (demo.BenchmarkSecurity). Targets: a municipality's
// module page under 30 ms of server time, the aggregates under 200 ms.
func BenchmarkSecurityPages(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			a := startApp(b, engine)
			coordUser := a.user(b, "kati@kovit.test", auth.RoleCoordinator, "")
			ctx := auth.WithUser(context.Background(), &coordUser)
			rd, err := demo.Security(ctx, a.store, demo.BenchmarkSecurity, time.Now())
			if err != nil {
				b.Fatal(err)
			}
			if err := a.store.Analyze(ctx); err != nil {
				b.Fatal(err)
			}
			u, _ := url.Parse(a.URL)
			editor := a.as(b, a.user(b, "it@saue.test", auth.RoleEditor, "0726")).Jar.Cookies(u)
			coord := a.as(b, coordUser).Jar.Cookies(u)
			serve := func(path string, cookies []*http.Cookie) *httptest.ResponseRecorder {
				return serveWith(a.app.handler, cookies)(path)
			}
			for _, c := range []struct {
				name, path, want string
				cookies          []*http.Cookie
			}{
				{"module", fmt.Sprintf("/security/rounds/%d/municipalities/0726/modules/ISMS.1", rd.ID), `id="m-ISMS.1.M1"`, editor},
				{"aggregates", fmt.Sprintf("/security/rounds/%d/aggregates", rd.ID), "Kogu Eesti", coord},
			} {
				b.Run(c.name, func(b *testing.B) {
					if rec := serve(c.path, c.cookies); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), c.want) {
						b.Fatalf("%s: %d\n%.500s", c.path, rec.Code, rec.Body.String())
					}
					b.ReportAllocs()
					for b.Loop() {
						if rec := serve(c.path, c.cookies); rec.Code != http.StatusOK {
							b.Fatal(rec.Code)
						}
					}
				})
			}
		})
	}
}
