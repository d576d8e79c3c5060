package sqlstore_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"kovit/internal/audit"
	"kovit/internal/municipality"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// heard collects what a store's OnChange was told.
type heard struct {
	mu    sync.Mutex
	kinds [][]string
}

func (h *heard) add(kinds []string) {
	h.mu.Lock()
	h.kinds = append(h.kinds, kinds)
	h.mu.Unlock()
}

func (h *heard) take() [][]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	k := h.kinds
	h.kinds = nil
	return k
}

func website(t *testing.T, s *sqlstore.Store, ehak string) string {
	t.Helper()
	ms, _, err := s.ListMunicipalities(context.Background(), municipality.Filter{Limit: municipality.MaxLimit})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.EHAK == ehak {
			return m.Website
		}
	}
	t.Fatalf("no municipality %s", ehak)
	return ""
}

func setWebsite(t *testing.T, s *sqlstore.Store, ehak, site string) {
	t.Helper()
	m, err := s.Municipality(context.Background(), ehak)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateDetails(context.Background(), ehak, municipality.Details{Website: site, Contact: m.Contact, Version: m.Version}); err != nil {
		t.Fatal(err)
	}
}

// Two stores on one PostgreSQL database stand for two processes: a change committed
// through one is in the other's kept copy at once, its OnChange hears the kinds changed,
// and a change rolled back tells nobody. When the listen connection is lost the store
// drops everything (a missed notice must not leave a stale copy) and listens again.
func TestChangeFeedAcrossStores(t *testing.T) {
	// LISTEN/NOTIFY is PostgreSQL's: a run on SQLite alone has nothing to test here.
	if !slices.Contains(sqlstoretest.Engines(), "postgres") {
		return
	}
	a := sqlstoretest.New(t, "postgres")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	b, err := sqlstore.Open(ctx, a.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	var heardA, heardB heard
	a.OnChange(heardA.add)
	b.OnChange(heardB.add)
	// A process that does not hear the others must not be sent requests.
	if err := a.Ready(ctx); err == nil || !strings.HasPrefix(err.Error(), "change feed") {
		t.Errorf("ready before listening: %v", err)
	}
	var wg sync.WaitGroup
	for _, s := range []*sqlstore.Store{a, b} {
		wg.Go(func() { s.Listen(ctx, quiet) })
	}
	defer wg.Wait()
	defer cancel()
	waitFor(t, "both stores listening", func() bool { return a.Listening() && b.Listening() })
	heardA.take()
	heardB.take()
	if err := a.Ready(ctx); err != nil {
		t.Errorf("not ready while listening: %v", err)
	}

	// b's copy is read before each change and kept (the safety net's expiry is a minute
	// away); a's commit returns once b has acknowledged its notice, having dropped the
	// copy, so b's very next read has the change.
	want := []string{audit.KindMunicipality}
	for i, site := range []string{"https://www.tallinn.ee/uus", "https://www.tallinn.ee/", "https://tallinn.ee/kolmas"} {
		if got := website(t, b, "0784"); got == site {
			t.Fatalf("b had %q before the change", got)
		}
		setWebsite(t, a, "0784", site)
		got := heardB.take()
		if len(got) != 1 || !slices.Equal(got[0], want) {
			t.Errorf("change %d: b heard %v, want the municipality kind", i, got)
		}
		if got := website(t, b, "0784"); got != site {
			t.Errorf("change %d: b reads %q, want %q", i, got, site)
		}
	}
	if got := heardA.take(); len(got) != 3 || !slices.Equal(got[2], want) {
		t.Errorf("a heard %v of its own changes, want the municipality kind three times", got)
	}

	// A change that fails (a stale version) is rolled back and announces nothing.
	m, _ := a.Municipality(context.Background(), "0784")
	if _, err := a.UpdateDetails(context.Background(), "0784", municipality.Details{Website: "https://x.ee", Version: m.Version - 1}); err == nil {
		t.Fatal("a stale version was saved")
	}
	time.Sleep(50 * time.Millisecond)
	if got := heardB.take(); len(got) != 0 {
		t.Errorf("b heard %v of a change rolled back", got)
	}

	// b's listen connection is cut: it drops everything and listens again.
	db, err := sql.Open("pgx", a.DSN())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var cut int
	if err := db.QueryRow(`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
		WHERE datname = current_database() AND application_name = 'kovit_listen'`).Scan(&cut); err != nil || cut != 2 {
		t.Fatalf("cut %d listen connections, %v; want 2", cut, err)
	}
	waitFor(t, "b told to drop everything", func() bool {
		for _, k := range heardB.take() {
			if k == nil {
				return true
			}
		}
		return false
	})
	waitFor(t, "b listening again", b.Listening)
	website(t, b, "0784")
	setWebsite(t, a, "0784", "https://tallinn.ee/neljas")
	waitFor(t, "b to hear the change", func() bool {
		return slices.ContainsFunc(heardB.take(), func(k []string) bool { return slices.Equal(k, want) })
	})
	if got := website(t, b, "0784"); got != "https://tallinn.ee/neljas" {
		t.Errorf("after the feed came back b reads %q", got)
	}
}

// On SQLite one process owns the database: it is always "listening", Listen returns at
// once, and OnChange hears this store's own commits.
func TestChangeFeedSQLite(t *testing.T) {
	s := sqlstoretest.New(t, "sqlite")
	var h heard
	s.OnChange(h.add)
	s.Listen(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if !s.Listening() {
		t.Error("a SQLite store is not listening")
	}
	website(t, s, "0784")
	setWebsite(t, s, "0784", "https://tallinn.ee/uus")
	if got := website(t, s, "0784"); got != "https://tallinn.ee/uus" {
		t.Errorf("reads %q after its own change", got)
	}
	if got := h.take(); len(got) != 1 || !slices.Equal(got[0], []string{audit.KindMunicipality}) {
		t.Errorf("heard %v", got)
	}
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !ok(); {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A listen session that never answers (its process hangs, or its machine vanished and
// the server has not noticed yet) delays a commit by the acknowledgement timeout at most:
// the change is saved all the same.
func TestChangeFeedSilentListener(t *testing.T) {
	// LISTEN/NOTIFY is PostgreSQL's: a run on SQLite alone has nothing to test here.
	if !slices.Contains(sqlstoretest.Engines(), "postgres") {
		return
	}
	a := sqlstoretest.New(t, "postgres")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); a.Listen(ctx, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	defer func() { cancel(); <-done }()
	waitFor(t, "listening", a.Listening)
	u, err := url.Parse(a.DSN())
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("application_name", "kovit_listen")
	u.RawQuery = q.Encode()
	silent, err := sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	if _, err := silent.Exec("LISTEN kovit_changes"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	setWebsite(t, a, "0784", "https://tallinn.ee/vaikne")
	if took := time.Since(start); took < 400*time.Millisecond || took > 3*time.Second {
		t.Errorf("a commit with a silent listener took %v, want the 500 ms timeout", took)
	}
	if got := website(t, a, "0784"); got != "https://tallinn.ee/vaikne" {
		t.Errorf("saved %q", got)
	}
}
