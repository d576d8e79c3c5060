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

	"kovit/internal/digest"
	"kovit/internal/eservice"
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
	go a.everyHour(ctx, log)
	log.Info("kovit is serving", "url", "http://"+ls[0].ln.Addr().String(), "db", a.store.Engine(), "startup", time.Since(start).String())
	return run(ctx, log, shutdownGrace, ls...)
}

// everyHour does the server's housekeeping while it runs: it removes expired sessions,
// takes the end-of-month snapshot of the e-service matrix once a month has ended, sends
// the action plan's weekly digest and the needs rounds' reminders that are due.
func (a *app) everyHour(ctx context.Context, log *slog.Logger) {
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if err := a.store.Sessions().DeleteExpired(ctx); err != nil {
			log.Warn("session sweep", "err", err)
		}
		if err := a.snapshotIfDue(ctx); err != nil {
			log.Warn("monthly snapshot", "err", err)
		}
		if n, err := a.digestIfDue(ctx, time.Now()); err != nil {
			log.Warn("weekly digest", "sent", n, "err", err)
		} else if n > 0 {
			log.Info("weekly digest", "sent", n)
		}
		if err := a.remind.SendDue(ctx); err != nil {
			log.Warn("needs round reminders", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// digestWeek is the setting that remembers the last week the digest went out, so a
// restart does not send it twice.
const digestWeek = "plan_digest_week"

// digestIfDue sends the week's digest once. The week counts as done even when some
// deliveries failed: a second round would repeat the mail to everyone it did reach.
func (a *app) digestIfDue(ctx context.Context, now time.Time) (int, error) {
	last, err := a.store.Setting(ctx, digestWeek)
	if err != nil || !digest.Due(now, last) {
		return 0, err
	}
	n, sendErr := a.digest.Send(ctx, now)
	if n == 0 && sendErr != nil {
		return 0, sendErr // nothing reached anyone: try again next hour
	}
	if err := a.store.SetSetting(ctx, digestWeek, digest.Week(now)); err != nil {
		return n, err
	}
	return n, sendErr
}

func (a *app) snapshotIfDue(ctx context.Context) error {
	taken, err := a.store.SnapshotMonths(ctx)
	if err != nil {
		return err
	}
	if month, due := eservice.DueSnapshot(time.Now(), taken); due {
		return a.store.TakeSnapshot(ctx, month)
	}
	return nil
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
