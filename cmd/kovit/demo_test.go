package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"kovit/internal/need"
)

// TestDemoDatabaseSaysSynthetic runs `kovit demo` into a new file and serves it: every
// page carries the synthetic banner and every response the header; the needs module has
// its synthetic needs.
func TestDemoDatabaseSaysSynthetic(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if err := runDemo([]string{"--db", db, "--months", "1", "--plan=false"}); err != nil {
		t.Fatal(err)
	}
	a, err := newApp(context.Background(), config{DB: db, AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: 3600e9},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer a.store.Close()
	srv := httptest.NewServer(a.handler)
	defer srv.Close()
	c := (&testApp{URL: srv.URL}).client(t)
	for _, path := range []string{"/", "/municipalities", "/municipalities/0793", "/sign-in", "/consolidated"} {
		status, body := get(t, c, srv.URL+path)
		if status != 200 || !strings.Contains(body, "andmed on sünteetilised") {
			t.Errorf("%s: %d, no synthetic banner", path, status)
		}
	}
	// The needs: a round, 3,000 needs and the published half of 300 consolidated needs.
	if _, body := get(t, c, srv.URL+"/consolidated"); strings.Count(body, `<a href="/consolidated/`) != 150 || !strings.Contains(body, "Dokumendihaldussüsteemi ühine arendus</a>") {
		t.Errorf("the demo's consolidated needs: %d shown", strings.Count(body, `<a href="/consolidated/`))
	}
	ctx := context.Background()
	if _, n, err := a.store.ListNeeds(ctx, need.Filter{}); err != nil || n != 3000 {
		t.Errorf("%d needs in the demo database: %v", n, err)
	}
	if rounds, err := a.store.ListRounds(ctx); err != nil || len(rounds) != 1 {
		t.Errorf("rounds in the demo database: %+v %v", rounds, err)
	}
	res, err := c.Get(srv.URL + "/api/v1/municipalities")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("X-Kovit-Synthetic") != "true" {
		t.Error("API response not marked synthetic")
	}
	// The real default database is never marked.
	real := startApp(t, "sqlite")
	if _, body := get(t, real.client(t), real.URL+"/"); strings.Contains(body, "sünteetilised") {
		t.Error("real database says synthetic")
	}
}
