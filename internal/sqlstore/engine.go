package sqlstore

import (
	"database/sql"
	"fmt"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// engine is the one place where SQLite and PostgreSQL differ: how to connect, how
// placeholders are written, and which migrations apply.
type engine interface {
	name() string
	open(dsn string) (read, write *sql.DB, err error)
	rebind(q string) string
}

func engineFor(dsn string) engine {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return &postgres{}
	}
	return sqlite{}
}

type sqlite struct{}

func (sqlite) name() string { return "sqlite" }

func (sqlite) rebind(q string) string { return q }

// open returns two pools over the same file. Writes go through a single connection, so
// concurrent writers queue in Go rather than meeting SQLite's file lock ("database is
// locked"); reads use several connections, which WAL lets run beside the writer.
func (sqlite) open(path string) (*sql.DB, *sql.DB, error) {
	pragmas := "_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)"
	dsn := "file:" + url.PathEscape(path) + "?" + pragmas
	write, err := sql.Open("sqlite", dsn+"&_txlock=immediate")
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	read, err := sql.Open("sqlite", dsn+"&_pragma=query_only(1)")
	if err != nil {
		write.Close()
		return nil, nil, fmt.Errorf("sqlstore: open %s: %w", path, err)
	}
	n := max(4, runtime.NumCPU()*2)
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	// The write pool must exist (and create the file and WAL) before readers open it.
	if err := write.Ping(); err != nil {
		write.Close()
		read.Close()
		return nil, nil, fmt.Errorf("sqlstore: open %s: %w", path, err)
	}
	return read, write, nil
}

type postgres struct {
	cache sync.Map // query → rebound query
}

func (*postgres) name() string { return "postgres" }

func (*postgres) open(dsn string) (*sql.DB, *sql.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: open postgres: %w", err)
	}
	db.SetMaxOpenConns(max(8, runtime.NumCPU()*4))
	db.SetMaxIdleConns(max(8, runtime.NumCPU()*4))
	return db, db, nil
}

// rebind turns ? placeholders into $1, $2, …; queries never contain a literal ?.
func (p *postgres) rebind(q string) string {
	if r, ok := p.cache.Load(q); ok {
		return r.(string)
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	p.cache.Store(q, b.String())
	return b.String()
}
