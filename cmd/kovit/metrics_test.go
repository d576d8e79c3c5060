package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"kovit/internal/auth"
)

// TestMetricsAdminsOnly: without --metrics-addr the main address serves /metrics to
// admins; nobody else learns it is there.
func TestMetricsAdminsOnly(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		clients := []struct {
			name   string
			c      *http.Client
			status int
		}{
			{"anonymous", a.client(t), 404},
			{"editor", a.as(t, a.user(t, "tartu@kovit.test", auth.RoleEditor, "0793")), 404},
			{"coordinator", a.as(t, a.user(t, "coord@kovit.test", auth.RoleCoordinator, "")), 404},
			{"admin", a.signedIn(t, "admin@kovit.test", "admin-parool-1"), 200},
		}
		for _, tt := range clients {
			status, body := get(t, tt.c, a.URL+"/metrics")
			if status != tt.status || (status == 200) != strings.Contains(body, "kovit_http_requests_total") {
				t.Errorf("%s: %d\n%.200s", tt.name, status, body)
			}
		}
	})
}

// TestMetricsAddr: with --metrics-addr, /metrics is served there and not on the main
// address, even to an admin.
func TestMetricsAddr(t *testing.T) {
	onEngines(t, func(t *testing.T, engine string) {
		var c config
		a := startAppWith(t, engine, func(cf *config) {
			cf.Addr, cf.MetricsAddr = "127.0.0.1:0", "127.0.0.1:0"
			c = *cf
		})
		ls, err := a.app.listen(c)
		if err != nil {
			t.Fatal(err)
		}
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- run(ctx, slog.New(slog.NewTextHandler(io.Discard, nil)), time.Second, ls...) }()
		main, metrics := "http://"+ls[0].ln.Addr().String(), "http://"+ls[1].ln.Addr().String()
		a.URL = main
		admin := a.signedIn(t, "admin@kovit.test", "admin-parool-1")
		if status, _ := get(t, admin, main+"/metrics"); status != 404 {
			t.Errorf("main address, admin: %d, want 404", status)
		}
		if status, body := get(t, http.DefaultClient, metrics+"/metrics"); status != 200 || !strings.Contains(body, "kovit_http_requests_total") {
			t.Errorf("metrics address: %d\n%.200s", status, body)
		}
		if status, _ := get(t, http.DefaultClient, metrics+"/"); status != 404 {
			t.Errorf("metrics address serves the app: %d", status)
		}
		stop()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
}
