// Command kovit runs the kovit server and its maintenance tasks.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"kovit/internal/jobs"
	"kovit/internal/sqlstore"
)

const usage = `kovit — coordinating the IT development of Estonia's local governments

Usage:
  kovit serve [flags]      run the web server (default)
  kovit backup FILE        copy a live SQLite database to FILE
  kovit demo [--db demo.db] [--months 18]
                           fill a NEW database with synthetic e-service data and history,
                           marked synthetic on every page; never the real database
  kovit help               this text; "kovit serve -h" lists every setting
`

func main() {
	args := os.Args[1:]
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	var err error
	switch cmd {
	case "serve":
		err = serve(args)
	case "backup":
		err = backup(args)
	case "demo":
		err = runDemo(args)
	case "help", "-h", "--help":
		fmt.Print(usage + "\nSettings (flag, or the KOVIT_* variable in brackets):\n")
		_, fs, _ := parseConfig("serve", nil)
		fs.SetOutput(os.Stdout)
		fs.PrintDefaults()
		fmt.Println("  KOVIT_ADMIN_PASSWORD, KOVIT_OIDC_CLIENT_SECRET\n    \tsecrets, read from the environment only")
	default:
		fmt.Fprint(os.Stderr, usage)
		os.Exit(2)
	}
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "kovit:", err)
		os.Exit(1)
	}
}

func newLogger(c config) *slog.Logger {
	level, _ := c.level()
	return slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))
}

func serve(args []string) error {
	c, _, err := parseConfig("serve", args)
	if err != nil {
		return err
	}
	log := newLogger(c)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	start := time.Now()
	a, err := newApp(ctx, c, log)
	if err != nil {
		return err
	}
	defer a.store.Close()
	ls, err := a.listen(c)
	if err != nil {
		return err
	}
	// On PostgreSQL the store hears the other processes' changes while serving.
	go a.store.Listen(ctx, log)
	a.store.WarmCells(ctx, log, a.warm)
	runner := &jobs.Runner{Store: a.store, Jobs: a.jobs, Log: log, Tick: c.JobTick, Lease: c.JobLease}
	jobsDone := make(chan struct{})
	go func() { defer close(jobsDone); runner.Run(ctx) }()
	// The store closes only after the job running at shutdown has stopped.
	defer func() { stop(); <-jobsDone }()
	// Start-up's garbage is collected at Go's default pace, so that it leaves no more
	// resident memory behind than before; serving gets the server's (gc.go).
	gcDefaults(os.Getenv)
	log.Info("kovit is serving", "url", "http://"+ls[0].ln.Addr().String(), "db", a.store.Engine(), "startup", time.Since(start).String())
	return run(ctx, log, shutdownGrace, ls...)
}

func backup(args []string) error {
	c, fs, err := parseConfig("backup", args)
	if err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("usage: kovit backup [--db kovit.db] FILE")
	}
	ctx := context.Background()
	s, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	fmt.Println("backup written to", fs.Arg(0))
	return nil
}

// openStore opens an existing database without changing it; a missing SQLite file is an
// error here rather than a new empty database.
func openStore(ctx context.Context, c config) (*sqlstore.Store, error) {
	if !strings.HasPrefix(c.DB, "postgres") {
		if _, err := os.Stat(c.DB); err != nil {
			return nil, err
		}
	}
	return sqlstore.Open(ctx, c.DB)
}
