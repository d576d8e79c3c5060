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
	// seq numbers this store's notices; acks holds, by number, the ones whose commit
	// waits for every listening process to have dropped its copies (see awaitAcks).
	seq  atomic.Uint64
	acks map[uint64]*ackWait
}

// ackWait is a commit waiting for the processes that listened when it was announced.
type ackWait struct {
	need int // acknowledgements still to come: this process's echo and each other's ack
	done chan struct{}
}

// ackTimeout bounds how long a commit waits for the other processes to acknowledge it: a
// process that hangs or died without closing its connection delays a write this much.
const ackTimeout = 500 * time.Millisecond

// listenerName is the application_name of every process's listen connection, by which a
// commit counts the processes it should hear back from.
const listenerName = "kovit_listen"

// expectAcks notes a notice about to be sent to need listeners and returns its number
// and what closes once all have acknowledged it; 0 and nil when none listens.
func (f *changeFeed) expectAcks(need int) (uint64, chan struct{}) {
	if need <= 0 {
		return 0, nil
	}
	n, w := f.seq.Add(1), &ackWait{need: need, done: make(chan struct{})}
	f.mu.Lock()
	if f.acks == nil {
		f.acks = map[uint64]*ackWait{}
	}
	f.acks[n] = w
	f.mu.Unlock()
	return n, w.done
}

// acked counts one acknowledgement of notice n.
func (f *changeFeed) acked(n uint64) {
	f.mu.Lock()
	if w := f.acks[n]; w != nil {
		if w.need--; w.need == 0 {
			close(w.done)
			delete(f.acks, n)
		}
	}
	f.mu.Unlock()
}

// awaitAcks waits, after commit, until every process that listened has acknowledged
// notice n, having dropped its copies (or ackTimeout has passed), and forgets it. So a
// client told of the change that asks another process next finds it there: PostgreSQL
// hands the notice to each listener on its own, and one busy machine can deliver it
// later than the client's next request. A commit that failed forgets it at once (done
// nil).
func (f *changeFeed) awaitAcks(n uint64, done chan struct{}) {
	if n == 0 {
		return
	}
	if done != nil {
		select {
		case <-done:
		case <-time.After(ackTimeout):
		}
	}
	f.mu.Lock()
	delete(f.acks, n)
	f.mu.Unlock()
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
	need := 0
	if t.s.feed.listening.Load() {
		// Every listening process, this one included, answers the notice; a role that
		// may not see the others' connections counts none and waits for none.
		if err := t.queryRow(ctx, `SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?`,
			listenerName).Scan(&need); err != nil {
			return fmt.Errorf("sqlstore: count listeners: %w", err)
		}
	}
	t.echo, t.echoed = t.s.feed.expectAcks(need)
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
	if _, notes := changed[kindNotification]; len(changed) > 0 && (!notes || len(changed) > 1) {
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
	cfg, err := pgx.ParseConfig(s.dsn)
	if err != nil {
		return err
	}
	cfg.RuntimeParams["application_name"] = listenerName
	// A process whose machine vanished leaves its listen session behind until the server
	// notices, and every commit waits ackTimeout for its answer: keepalives on the
	// server's side of this session end it within a minute or so.
	cfg.RuntimeParams["tcp_keepalives_idle"] = "30"
	cfg.RuntimeParams["tcp_keepalives_interval"] = "10"
	cfg.RuntimeParams["tcp_keepalives_count"] = "3"
	cctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	conn, err := pgx.ConnectConfig(cctx, cfg)
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
		if origin == "ack" {
			// "ack <origin> <seq>": another process has dropped what a change named.
			if to, seq, _ := strings.Cut(rest, " "); to == s.feed.origin {
				if n, err := strconv.ParseUint(seq, 10, 64); err == nil {
					s.feed.acked(n)
				}
			}
			continue
		}
		if origin == s.feed.origin {
			if n, err := strconv.ParseUint(seq, 10, 64); err == nil {
				s.feed.acked(n)
			}
			continue
		}
		var list []string
		if kinds != "" {
			list = strings.Split(kinds, ",")
		}
		s.dropKinds(list)
		if seq != "0" {
			if _, err := conn.Exec(ctx, "SELECT pg_notify($1, $2)", changesChannel, "ack "+origin+" "+seq); err != nil {
				return err
			}
		}
	}
}

func newOrigin() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
