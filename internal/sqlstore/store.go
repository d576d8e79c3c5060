// Package sqlstore is kovit's one storage layer: the SQL implementation of every module's
// Store interface, on SQLite (the default, embedded) or PostgreSQL (production).
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"kovit/internal/audit"
)

// Store implements every module's Store interface.
type Store struct {
	dsn    string
	engine engine
	read   *sql.DB // queries that only read
	write  *sql.DB // transactions that change data
	// Now is the clock for timestamps; tests replace it to be deterministic.
	Now func() time.Time
	// In-memory copies of what is read most, dropped by dropCopies.
	municipalities kept[municipalityCopy]
	cells          kept[cellCopy]
	needs          kept[*needCopy]
	dismissals     kept[*dismissedSet] // the pairs said not alike (need_duplicates_count.go)
	tallies        kept[tallyCopy]
	eits           kept[eitsCopy]
	services       kept[serviceCopy] // the catalogue, retired services too (service_cache.go)
	trees          treeCache
	kb             kept[*kbCopy] // the knowledge base with its search terms (advice_kb.go)
	practiceTerms  practiceTerms // the practices' stems by id and version (practice_search.go)

	// adviceKept is what the navigation's count reads of the advice module (advice_kept.go).
	adviceKept kept[adviceCopy]
	responses  responseCache // each survey's responses, decoded (survey_cache.go)
	// feed tells this process of other processes' changes (PostgreSQL LISTEN/NOTIFY).
	feed changeFeed

	// WholeCells is the most matrix cells kept whole in memory (cell_cache.go); zero
	// means DefaultWholeCells. Tests lower it to serve a small matrix as a large one.
	WholeCells int
	warming    atomic.Bool // WarmCells is reading the kept matrix (cell_warm.go)
	// cellVersions numbers the kept matrix's loads (eservice.Totals.Version).
	cellVersions atomic.Uint64

	// OnWrite, when set, is called when a write transaction has taken the write lock, and
	// the function it returns when the transaction has ended: tests keep how long an
	// import holds the lock under what another save may wait.
	OnWrite func() (ended func())
}

// Open connects to dsn: a postgres:// URL means PostgreSQL, anything else is a SQLite
// file path. It does not migrate; call Migrate.
func Open(ctx context.Context, dsn string) (*Store, error) {
	e := engineFor(dsn)
	read, write, err := e.open(dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{dsn: dsn, engine: e, read: read, write: write, Now: time.Now}
	s.feed.origin = newOrigin()
	if err := read.PingContext(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlstore: connect: %w", err)
	}
	return s, nil
}

// DSN is what the store was opened with, so tests can open the same database again.
func (s *Store) DSN() string { return s.dsn }

// Engine names the database engine: "sqlite" or "postgres".
func (s *Store) Engine() string { return s.engine.name() }

// Close closes the connection pools.
func (s *Store) Close() error {
	err := s.read.Close()
	if s.write != s.read {
		err = errors.Join(err, s.write.Close())
	}
	return err
}

func (s *Store) now() time.Time { return s.Now().UTC().Truncate(time.Microsecond) }

// querier is what every read goes through: the read pool (*Store), a write transaction
// (*tx) or a read snapshot (readSnapshot), each with the engine's placeholder style
// applied, so a query is written once with ? placeholders. Each read is one function
// taking a querier (as pkgsite's Transact hands its callback a value with the pool's
// methods): code in a write transaction hands it the transaction, so the read sees what
// the transaction has written so far, which a read through the pool would not. A read
// that only a write needs (a lock, a check) stays a method of tx beside that write.
type querier interface {
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	queryRow(ctx context.Context, q string, args ...any) *sql.Row
}

// txConn is a database transaction, written or read-only, with the engine's placeholder
// style applied to every query.
type txConn struct {
	*sql.Tx
	engine engine
}

func (c txConn) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return c.ExecContext(ctx, c.engine.rebind(q), args...)
}

func (c txConn) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return c.QueryContext(ctx, c.engine.rebind(q), args...)
}

func (c txConn) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return c.QueryRowContext(ctx, c.engine.rebind(q), args...)
}

// tx is a write transaction.
type tx struct {
	txConn
	s *Store
	// changed lists the ids of the records written, by entity: their in-memory copies are
	// dropped at commit.
	changed map[recordKind][]string
	// nodesEdited are the plan nodes changed in place (not created, moved or deleted):
	// a kept tree can take them in without a reload.
	nodesEdited map[string]bool
	// echo numbers the notice that announced the changes to other processes, and echoed
	// closes when every listening process has acknowledged it (changeFeed.awaitAcks); 0
	// when no process listened.
	echo   uint64
	echoed chan struct{}
}

// insert runs an INSERT … RETURNING id and returns the id.
func (t *tx) insert(ctx context.Context, q string, args ...any) (int64, error) {
	var id int64
	err := t.queryRow(ctx, q+" RETURNING id", args...).Scan(&id)
	return id, err
}

// transact runs fn in one write transaction: all of it lands, or none of it.
func (s *Store) transact(ctx context.Context, fn func(*tx) error) (err error) {
	sqlTx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	t := &tx{txConn: txConn{sqlTx, s.engine}, s: s, changed: map[recordKind][]string{}}
	ended := func() {}
	if s.OnWrite != nil {
		ended = s.OnWrite()
	}
	defer func() {
		defer ended()
		if p := recover(); p != nil {
			sqlTx.Rollback()
			s.feed.awaitAcks(t.echo, nil)
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
			s.feed.awaitAcks(t.echo, nil)
			return
		}
		if err = sqlTx.Commit(); err == nil {
			s.dropCopies(t)
			s.feed.awaitAcks(t.echo, t.echoed)
		} else {
			s.feed.awaitAcks(t.echo, nil)
		}
	}()
	if err := fn(t); err != nil {
		return err
	}
	return t.announce(ctx)
}

// dropCopies forgets the in-memory copies of what a committed transaction changed. Every
// change writes an audit event (tx.recordMany notes its entity), so no write path can
// forget to do this.
func (s *Store) dropCopies(t *tx) {
	s.dropKept(t.changed)
	if len(t.changed) == 0 {
		return
	}
	if nodes, activities, ok := t.editsInPlace(); ok {
		s.trees.editedInPlace(nodes, activities)
	} else {
		s.trees.invalidate()
	}
	s.tell(kindsOf(t.changed))
}

// dropKept drops the whole-table copies of the kinds changed, this process's or another's.
func (s *Store) dropKept(changed map[recordKind][]string) {
	has := func(kind recordKind) bool { _, ok := changed[kind]; return ok }
	if has(audit.KindMunicipality) || has(audit.KindCounty) {
		s.municipalities.drop()
	}
	if has(audit.KindServiceCell) {
		s.cells.drop()
	}
	if has(audit.KindNeed) {
		s.needs.drop()
	}
	if has(audit.KindNeedSuggestion) {
		s.dismissals.drop()
	}
	if has(kindSnapshot) {
		s.tallies.drop()
	}
	if has(audit.KindKBEntry) {
		s.kb.drop()
	}
	if has(audit.KindEITSMeasures) {
		s.eits.drop()
	}
	if has(audit.KindInquiry) || has(audit.KindCommentRound) {
		s.adviceKept.drop()
	}
	if has(audit.KindSurvey) || has(audit.KindSurveyResponse) || has(audit.KindMunicipality) {
		s.responses.invalidate()
	}
	if has(audit.KindService) {
		s.services.drop()
	}
}

// editsInPlace lists the plan nodes edited in place and the activities whose participants
// changed, when that is all the transaction changed.
func (t *tx) editsInPlace() (nodes, activities []int64, ok bool) {
	for entity, ids := range t.changed {
		switch entity {
		case kindNotification: // in no tree
		case audit.KindParticipant:
			if activities = activitiesOf(ids); activities == nil {
				return nil, nil, false
			}
		case audit.KindPlanNode:
			for _, id := range ids {
				n, err := strconv.ParseInt(id, 10, 64)
				if err != nil || !t.nodesEdited[id] {
					return nil, nil, false
				}
				nodes = append(nodes, n)
			}
		default:
			return nil, nil, false
		}
	}
	return nodes, activities, true
}

// readSnapshot runs fn in one read-only transaction: on PostgreSQL at repeatable read, and
// on SQLite, whose transactions read one snapshot anyway (its driver ignores the level).
func (s *Store) readSnapshot(ctx context.Context, fn func(querier) error) error {
	snap, err := s.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return fmt.Errorf("sqlstore: begin read: %w", err)
	}
	defer snap.Rollback() // nothing was written; ending the transaction is all that is left
	return fn(txConn{snap, s.engine})
}

// query and queryRow read through the read pool: the Store is the querier of every read
// outside a transaction.
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return s.read.QueryContext(ctx, s.engine.rebind(q), args...)
}

func (s *Store) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return s.read.QueryRowContext(ctx, s.engine.rebind(q), args...)
}

// where builds a WHERE clause from the conditions that apply.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// totalPastTheEnd is a paged list's total when its page came back empty: past the last
// page no row carries COUNT(*) OVER (), yet the total is still the real one. from is the
// list query's FROM and WHERE, args the WHERE's arguments.
func (s *Store) totalPastTheEnd(ctx context.Context, rows, offset int, total *int, from string, args []any) error {
	if rows > 0 || offset == 0 {
		return nil
	}
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM `+from, args...).Scan(total); err != nil {
		return fmt.Errorf("sqlstore: count: %w", err)
	}
	return nil
}

// likeContains returns a LIKE pattern matching s anywhere, with LIKE's wildcards escaped
// (queries say ESCAPE '\').
func likeContains(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

type scanner interface{ Scan(dest ...any) error }

// Ping checks that the database answers, for the health check.
func (s *Store) Ping(ctx context.Context) error { return s.read.PingContext(ctx) }

// Analyze refreshes the statistics the query planner chooses plans by. PostgreSQL's
// autovacuum does this by itself after a while; a database just filled in bulk (kovit demo,
// a benchmark) is served at once, before it would have, and SQLite keeps none until asked.
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.write.ExecContext(ctx, "ANALYZE"); err != nil {
		return fmt.Errorf("sqlstore: analyze: %w", err)
	}
	return nil
}
