package main

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
)

// TestDemoCountryHistory: `kovit demo --size de` at a small scale records its months of
// history as snapshots, so the home page draws the adoption curve and a municipality's
// e-services page its median level over the months.
func TestDemoCountryHistory(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if err := runDemo([]string{"--db", db, "--size", "de", "--scale", "0.002"}); err != nil {
		t.Fatal(err)
	}
	a, err := newApp(context.Background(), config{DB: db, AdminEmail: "admin@kovit.test", AdminPassword: "admin-parool-1", SessionLifetime: 3600e9},
		slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer a.store.Close()
	months, err := a.store.SnapshotMonths(context.Background())
	if err != nil || len(months) != 24 {
		t.Fatalf("%d snapshot months (%v), want 24", len(months), err)
	}
	srv := httptest.NewServer(a.handler)
	defer srv.Close()
	c := (&testApp{URL: srv.URL}).client(t)
	for path, want := range map[string]string{"/": `<figure class="spark">`, "/municipalities/D001/eservices": `<figure class="chart"><svg`} {
		status, body := get(t, c, srv.URL+path)
		if status != 200 || !strings.Contains(body, want) {
			t.Errorf("%s: %d, no %s", path, status, want)
		}
	}
}
