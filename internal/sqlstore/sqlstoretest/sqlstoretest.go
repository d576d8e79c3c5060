// Package sqlstoretest opens real, migrated databases for tests on every engine the test
// command provides: SQLite always, PostgreSQL through KOVIT_TEST_POSTGRES.
package sqlstoretest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kovit/internal/eservice"
	"kovit/internal/refdata"
	"kovit/internal/sqlstore"
)

// Engines are the engines tests run on: KOVIT_TEST_ENGINES (default "sqlite,postgres").
// Asking for postgres without KOVIT_TEST_POSTGRES fails the test instead of skipping it,
// so a run that silently tested only SQLite cannot pass; `make test` provides both.
func Engines() []string {
	if v := os.Getenv("KOVIT_TEST_ENGINES"); v != "" {
		return strings.Split(v, ",")
	}
	return []string{"sqlite", "postgres"}
}

// Each runs fn once per engine as a subtest, with a fresh database.
func Each(t *testing.T, fn func(t *testing.T, s *sqlstore.Store)) {
	for _, e := range Engines() {
		t.Run(e, func(t *testing.T) { fn(t, New(t, e)) })
	}
}

// New returns a migrated store on engine with the reference data loaded, removed when
// the test ends. Its clock is fixed at 2026-11-25 10:00 UTC and moves a second per call.
func New(t testing.TB, engine string) *sqlstore.Store {
	t.Helper()
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, EmptyDSN(t, engine))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { now = now.Add(time.Second); return now }
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	counties, err := refdata.Counties()
	if err != nil {
		t.Fatal(err)
	}
	ms, err := refdata.Municipalities()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LoadReference(ctx, counties, ms); err != nil {
		t.Fatal(err)
	}
	services, err := refdata.Services()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LoadServices(ctx, services, eservice.DefaultScale()); err != nil {
		t.Fatal(err)
	}
	seeds, err := refdata.Strategies()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LoadStrategies(ctx, seeds); err != nil {
		t.Fatal(err)
	}
	solutions, err := refdata.Solutions()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.LoadSolutions(ctx, solutions); err != nil {
		t.Fatal(err)
	}
	return s
}

// EmptyDSN is the address of a new, empty database on engine, removed when the test ends:
// New's, or one a test fills as an older kovit left it before migrating it.
func EmptyDSN(t testing.TB, engine string) string {
	t.Helper()
	switch engine {
	case "sqlite":
		return filepath.Join(t.TempDir(), "kovit.db")
	case "postgres":
		return newPostgresDatabase(t)
	}
	t.Fatalf("unknown engine %q", engine)
	return ""
}

// newPostgresDatabase creates an empty database on the test server and drops it after.
func newPostgresDatabase(t testing.TB) string {
	admin := os.Getenv("KOVIT_TEST_POSTGRES")
	if admin == "" {
		t.Fatal("KOVIT_TEST_POSTGRES is not set: run the tests with `make test`, which starts PostgreSQL, or set KOVIT_TEST_ENGINES=sqlite")
	}
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "kovit_test_" + hex.EncodeToString(b)
	if _, err := db.Exec("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer db.Close()
		db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Services tops the catalogue up to n services (the benchmarks assume 150) with
// made-up ones coded BEN-000…, and returns them all.
func Services(tb testing.TB, s *sqlstore.Store, n int) []eservice.Service {
	tb.Helper()
	ctx := context.Background()
	services, err := s.ListServices(ctx, false)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; len(services) < n; i++ {
		sv, err := s.CreateService(ctx, eservice.Service{Code: fmt.Sprintf("BEN-%03d", i), NameEt: "Teenus", Area: "Valitsemine"})
		if err != nil {
			tb.Fatal(err)
		}
		services = append(services, sv)
	}
	return services
}
