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

// TestDemoCountry runs `kovit demo --size de` at a small scale into a new file and serves
// it: the pages say the data are synthetic and a municipality of the country's own code
// format has its page. Unknown sizes and scales out of range are refused.
func TestDemoCountry(t *testing.T) {
	for _, args := range [][]string{{"--size", "fr"}, {"--size", "de", "--scale", "0"}, {"--size", "de", "--scale", "2"}} {
		db := filepath.Join(t.TempDir(), "demo.db")
		if err := runDemo(append(args, "--db", db)); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
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
	srv := httptest.NewServer(a.handler)
	defer srv.Close()
	c := (&testApp{URL: srv.URL}).client(t)
	for _, path := range []string{"/", "/municipalities", "/municipalities/D001", "/municipalities/0793"} {
		status, body := get(t, c, srv.URL+path)
		if status != 200 || !strings.Contains(body, "andmed on sünteetilised") {
			t.Errorf("%s: %d, no synthetic banner", path, status)
		}
	}
	if _, body := get(t, c, srv.URL+"/municipalities/D001"); !strings.Contains(body, "Achdorf") {
		t.Error("the country's first municipality is not on its page")
	}
}
