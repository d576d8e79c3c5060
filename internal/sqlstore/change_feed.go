package sqlstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// changesChannel is the PostgreSQL channel on which every kovit process on one database
// announces the record kinds each of its transactions changed.
const changesChannel = "kovit_changes"

// kindSnapshot names a matrix snapshot among a transaction's changed kinds. Taking one
// writes no audit event, yet the snapshots' tallies are kept, in this process and in
// every other.
const kindSnapshot recordKind = "matrix_snapshot"

// changeFeed tells the processes sharing a PostgreSQL database about each other's
// changes. A transaction that changed something sends its kinds with pg_notify, which
// PostgreSQL delivers at commit and only then, and every process listening on a
// connection of its own drops exactly those copies. On SQLite one process owns the file
// and the feed only passes this process's changes to the response cache.
type changeFeed struct {
	// origin names this store in what it sends, so it can skip its own notices: its own
	// commits dropped their copies already, and more exactly (trees edited in place).
	origin string
	mu     sync.Mutex
	// onChange hears every committed change's kinds, nil meaning everything.
	onChange func(kinds []string)
	// listening is true while the listen connection is up and LISTENing.
	listening atomic.Bool
	// seq numbers this store's notices; echoes holds, by number, the ones whose commit
	// waits to hear them back (see awaitEcho).
	seq    atomic.Uint64
	echoes map[uint64]chan struct{}
}

// echoWait bounds how long a commit waits to hear its own notice back.
const echoWait = 100 * time.Millisecond

// expectEcho notes a notice about to be sent and returns its number and what closes when
// it is heard back; 0 and nil when no listener would hear it.
func (f *changeFeed) expectEcho() (uint64, chan struct{}) {
	if !f.listening.Load() {
		return 0, nil
	}
	n, ch := f.seq.Add(1), make(chan struct{})
	f.mu.Lock()
	if f.echoes == nil {
		f.echoes = map[uint64]chan struct{}{}
	}
	f.echoes[n] = ch
	f.mu.Unlock()
	return n, ch
}

// heard closes the wait for notice n, if one waits.
func (f *changeFeed) heard(n uint64) {
	f.mu.Lock()
	if ch := f.echoes[n]; ch != nil {
		close(ch)
		delete(f.echoes, n)
	}
	f.mu.Unlock()
}

// awaitEcho waits, after commit, until this process has heard its own notice n back (or
// echoWait has passed), and forgets it. PostgreSQL hands a notice to every listening
// session in one step at commit, so by then the other processes have been sent it too:
// a client told of the change that asks another process next finds it there, rather
// than racing the notice. A commit that failed forgets it at once (ch nil).
func (f *changeFeed) awaitEcho(n uint64, ch chan struct{}) {
	if n == 0 {
		return
	}
	if ch != nil {
		select {
		case <-ch:
		case <-time.After(echoWait):
		}
	}
	f.mu.Lock()
	delete(f.echoes, n)
	f.mu.Unlock()
}

func newOrigin() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// OnChange has fn told the record kinds (audit's Kind constants, and "matrix_snapshot")
// of every committed change: this process's at once, and on PostgreSQL, while Listen
// runs, every other process's. nil kinds means anything may have changed (the feed was
// lost and is back). cmd/kovit hands it the response cache's drop, so the adapters need
// not know each other. fn must not block.
func (s *Store) OnChange(fn func(kinds []string)) {
	s.feed.mu.Lock()
	s.feed.onChange = fn
	s.feed.mu.Unlock()
}

func (s *Store) tell(kinds []string) {
	s.feed.mu.Lock()
	fn := s.feed.onChange
	s.feed.mu.Unlock()
	if fn != nil {
		fn(kinds)
	}
}

// Listening reports whether this store hears other processes' changes now: always on
// SQLite (there are none), and on PostgreSQL while Listen's connection is up.
func (s *Store) Listening() bool {
	return s.engine.name() != "postgres" || s.feed.listening.Load()
}

// announce sends the transaction's changed kinds to the other processes. Inside the
// transaction: a change rolled back announces nothing, and a committed one cannot fail to.
func (t *tx) announce(ctx context.Context) error {
	if t.s.engine.name() != "postgres" || len(t.changed) == 0 {
		return nil
	}
	t.echo, t.echoed = t.s.feed.expectEcho()
	payload := t.s.feed.origin + " " + strconv.FormatUint(t.echo, 10) + " " + strings.Join(kindsOf(t.changed), ",")
	if _, err := t.exec(ctx, `SELECT pg_notify(?, ?)`, changesChannel, payload); err != nil {
		return fmt.Errorf("sqlstore: announce change: %w", err)
	}
	return nil
}

func kindsOf(changed map[recordKind][]string) []string {
	kinds := make([]string, 0, len(changed))
	for k := range changed {
		kinds = append(kinds, string(k))
	}
	slices.Sort(kinds)
	return kinds
}

// dropKinds drops the copies of the kinds another process changed. Without the ids of
// the plan nodes it edited, any change drops the trees whole.
func (s *Store) dropKinds(kinds []string) {
	changed := make(map[recordKind][]string, len(kinds))
	for _, k := range kinds {
		changed[recordKind(k)] = nil
	}
	s.dropKept(changed)
	if len(changed) > 0 {
		s.trees.invalidate()
	}
	s.tell(kinds)
}

// dropAll drops every copy: after the feed was lost, any change may have gone unheard.
func (s *Store) dropAll() {
	s.municipalities.drop()
	s.cells.drop()
	s.needs.drop()
	s.tallies.drop()
	s.trees.invalidate()
	s.tell(nil)
}

// listenRetry bounds the wait between attempts to get the feed back. While it is lost
// every attempt drops every copy, so a change goes unseen that long at most.
const listenRetry = 2 * time.Second

// Listen hears the other processes' changes until ctx ends, on a connection of its own,
// connecting again when it is lost. Each time it is (again) listening it drops every
// copy, as a change may have been made while it was not. On SQLite it returns at once.
func (s *Store) Listen(ctx context.Context, log *slog.Logger) {
	if s.engine.name() != "postgres" {
		return
	}
	wait := 50 * time.Millisecond
	for ctx.Err() == nil {
		err := s.listenOnce(ctx, func() { wait = 50 * time.Millisecond })
		s.feed.listening.Store(false)
		if ctx.Err() != nil {
			return
		}
		s.dropAll()
		log.Warn("change feed lost; connecting again", "err", err, "in", wait.String())
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(2*wait, listenRetry)
	}
}

// listenOnce connects, LISTENs and drops what each notice names, until the connection
// fails or ctx ends; connected is called once it listens.
func (s *Store) listenOnce(ctx context.Context, connected func()) error {
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.Connect(cctx, s.dsn)
	cancel()
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		return err
	}
	s.feed.listening.Store(true)
	connected()
	// What was kept before LISTEN took effect may miss a change no notice will name.
	s.dropAll()
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		origin, rest, _ := strings.Cut(n.Payload, " ")
		seq, kinds, _ := strings.Cut(rest, " ")
		if origin == s.feed.origin {
			if n, err := strconv.ParseUint(seq, 10, 64); err == nil {
				s.feed.heard(n)
			}
			continue
		}
		var list []string
		if kinds != "" {
			list = strings.Split(kinds, ",")
		}
		s.dropKinds(list)
	}
}
