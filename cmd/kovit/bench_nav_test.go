package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/demo"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// BenchmarkNavCount serves a small signed-in page (the account page), whose cost beyond
// rendering is mostly the navigation's count beside the desk, to a coordinator and to an
// editor, over 200 questions and a round of comment asking every municipality. It says
// what the count costs a page: its advice items come from a kept copy, not the database.
func BenchmarkNavCount(b *testing.B) {
	for _, engine := range sqlstoretest.Engines() {
		b.Run(engine, func(b *testing.B) {
			a := startFilledApp(b, engine, func(ctx context.Context, store *sqlstore.Store) error {
				return demo.Advice(ctx, store, demo.AdviceShape{Inquiries: 200, Sections: 10, Seed: 1})
			})
			for i, u := range []auth.User{a.user(b, "kati@kovit.test", auth.RoleCoordinator, ""), a.user(b, "mari@tartu.test", auth.RoleEditor, "0793")} {
				serve := a.serveAs(b, u)
				// The coordinator's late questions show beside the desk.
				if rec := serve("/account"); rec.Code != http.StatusOK || i == 0 && !strings.Contains(rec.Body.String(), "ootab</span>") {
					b.Fatalf("%s: %d, no count beside the desk", u.Email, rec.Code)
				}
				b.Run(string(u.Role), func(b *testing.B) { loopCPU(b, serve, "/account") })
			}
		})
	}
}
